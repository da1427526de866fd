package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.trace.TraceJob;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

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
        return Traces.numbered(Traces.randomJob(2_000, 3_000), 120);
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
