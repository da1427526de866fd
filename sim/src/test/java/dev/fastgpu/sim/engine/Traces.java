package dev.fastgpu.sim.engine;

import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.trace.TraceJob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builders for hand-made traces (seconds in, milliseconds inside), random ones for property tests, and outcomes by job id. */
final class Traces {
    private Traces() {}

    static TraceJob job(String id, double submitS, double durationS, int gpus) {
        return job(id, submitS, durationS, gpus, "vc");
    }

    static TraceJob job(String id, double submitS, double durationS, int gpus, String vc) {
        return new TraceJob(id, 0, Math.round(submitS * 1000), Math.round(durationS * 1000), gpus, 1000, Set.of(), vc, "", "");
    }

    /**
     * Random jobs submitted in the first {@code maxSubmitS} seconds, running 1 to {@code maxDurationS}
     * seconds on 1-16 GPUs, single GPUs sometimes fractional (a quarter or a half).
     */
    static Arbitrary<TraceJob> randomJob(int maxSubmitS, int maxDurationS) {
        return Combinators.combine(
                Arbitraries.integers().between(0, maxSubmitS),
                Arbitraries.integers().between(1, maxDurationS),
                Arbitraries.of(1, 1, 1, 1, 2, 2, 4, 8, 12, 16),
                Arbitraries.of(1000, 1000, 1000, 250, 500)
        ).as((submit, dur, gpus, milli) -> new TraceJob("x", 0, submit * 1000L, dur * 1000L, gpus,
                gpus == 1 ? milli : 1000, Set.of(), "vc", "", ""));
    }

    /** Lists of 1 to {@code maxJobs} such jobs, given ids j000, j001, ... and line numbers in list order. */
    static Arbitrary<List<TraceJob>> numbered(Arbitrary<TraceJob> job, int maxJobs) {
        return job.list().ofMinSize(1).ofMaxSize(maxJobs).map(list -> {
            List<TraceJob> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                TraceJob t = list.get(i);
                out.add(new TraceJob(String.format("j%03d", i), i + 2, t.submitMs(), t.durationMs(), t.gpus(), t.milliPerGpu(),
                        Set.of(), t.group(), "", ""));
            }
            return out;
        });
    }

    /** A run's outcomes by job id. */
    static Map<String, JobOutcome> byId(SimResult r) {
        return r.outcomes().stream().collect(Collectors.toMap(JobOutcome::id, o -> o));
    }
}
