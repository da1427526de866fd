package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.trace.TraceJob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict passes on a prefix of the queue in chunks, and greedy passes without the jobs that ask for
 * more than is free, place every job exactly where, when and in the order that one call of the core
 * with the whole queue does.
 */
class SimulatorPassShortcutsTest {
    private static final ClusterSpec CLUSTER = ClusterSpec.uniform("n", 3, 8, "GPU");

    @Provide
    Arbitrary<List<TraceJob>> traces() {
        Arbitrary<TraceJob> job = Combinators.combine(
                Arbitraries.integers().between(0, 2_000),
                Arbitraries.integers().between(1, 3_000),
                Arbitraries.of(1, 1, 1, 1, 2, 2, 4, 8, 12, 16),
                Arbitraries.of(1000, 1000, 1000, 250, 500)
        ).as((submit, dur, gpus, milli) -> new TraceJob("x", 0, submit * 1000L, dur * 1000L, gpus,
                gpus == 1 ? milli : 1000, Set.of(), "vc", "", ""));
        return job.list().ofMinSize(1).ofMaxSize(120).map(list -> {
            List<TraceJob> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                TraceJob t = list.get(i);
                out.add(new TraceJob(String.format("j%03d", i), i + 2, t.submitMs(), t.durationMs(), t.gpus(), t.milliPerGpu(),
                        Set.of(), t.group(), "", ""));
            }
            return out;
        });
    }

    @Property(tries = 60)
    void every_job_starts_and_ends_as_with_the_whole_queue_in_every_pass(@ForAll("traces") List<TraceJob> trace,
                                                                         @ForAll("nonPreemptive") Policy policy,
                                                                         @ForAll("placements") PlacementStrategy placement) {
        SimOptions options = SimOptions.of(policy, placement);

        SimResult fast = Simulator.run(trace, CLUSTER, options);
        SimResult reference = Simulator.runWholeQueue(trace, CLUSTER, options);

        assertThat(fast.outcomes()).isEqualTo(reference.outcomes());
        assertThat(fast.passes()).isEqualTo(reference.passes());
        assertThat(fast.unfinished()).isEqualTo(reference.unfinished());
    }

    @Provide
    Arbitrary<Policy> nonPreemptive() {
        return Arbitraries.of(Policy.FIFO, Policy.FIFO_BACKFILL, Policy.SJF_ORACLE, Policy.SJF_ORACLE_BACKFILL, Policy.LEARNED);
    }

    @Provide
    Arbitrary<PlacementStrategy> placements() {
        return Arbitraries.of(PlacementStrategy.PACK, PlacementStrategy.SPREAD);
    }
}
