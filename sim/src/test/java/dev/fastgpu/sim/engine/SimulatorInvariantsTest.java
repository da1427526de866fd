package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.metrics.Timeline;
import dev.fastgpu.sim.trace.TraceJob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** For random traces and every policy: time never runs backwards and GPUs never exceed capacity. */
class SimulatorInvariantsTest {
    private static final ClusterSpec CLUSTER = ClusterSpec.uniform("n", 3, 8, "GPU");

    @Provide
    Arbitrary<List<TraceJob>> traces() {
        Arbitrary<TraceJob> job = Combinators.combine(
                Arbitraries.integers().between(0, 3_000),
                Arbitraries.integers().between(1, 2_000),
                Arbitraries.of(1, 1, 1, 2, 4, 8, 12, 16),
                Arbitraries.of("vcA", "vcB")
        ).as((submit, dur, gpus, vc) -> new TraceJob("x", 0, submit * 1000L, dur * 1000L, gpus, 1000, Set.of(), vc, "", ""));
        return Traces.numbered(job, 40);
    }

    @Property(tries = 40)
    void time_never_runs_backwards_and_gpus_never_exceed_capacity(@ForAll("traces") List<TraceJob> trace,
                                                                  @ForAll Policy policy) {
        SimResult r = Simulator.run(trace, CLUSTER, SimOptions.of(policy, PlacementStrategy.PACK).withLasThreshold(500));

        assertThat(r.outcomes().size() + r.unrunnable().size() + r.unfinished().size()).isEqualTo(trace.size());
        assertThat(r.unfinished()).isEmpty();
        Timeline t = r.timeline();
        for (int i = 1; i < t.size(); i++) assertThat(t.time(i)).isGreaterThan(t.time(i - 1));
        for (int i = 0; i < t.size(); i++) assertThat(t.busyMilli(i)).isBetween(0L, 24_000L);
        for (JobOutcome o : r.outcomes()) {
            assertThat(o.firstStartMs()).isGreaterThanOrEqualTo(o.submitMs());
            assertThat(o.finishMs()).isGreaterThanOrEqualTo(o.firstStartMs() + o.durationMs());
            if (!policy.preemptive()) assertThat(o.finishMs()).isEqualTo(o.firstStartMs() + o.durationMs());
        }
        if (!policy.preemptive()) assertThat(peakGpus(r.outcomes())).isLessThanOrEqualTo(24);
    }

    /** Most GPUs in use at once, from the outcomes alone (non-preemptive runs are one interval each). */
    private static int peakGpus(List<JobOutcome> outcomes) {
        TreeMap<Long, Integer> delta = new TreeMap<>();
        for (JobOutcome o : outcomes) {
            delta.merge(o.firstStartMs(), o.gpus(), Integer::sum);
            delta.merge(o.finishMs(), -o.gpus(), Integer::sum);
        }
        int cur = 0, peak = 0;
        for (int d : delta.values()) {
            cur += d;
            peak = Math.max(peak, cur);
        }
        return peak;
    }
}
