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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preemptive re-plans that hand the core only the changed part of the queue (see {@link IdealPass})
 * start, evict and finish every job exactly when the plain path does, which calls the core with
 * every active job at every re-plan: on a pooled node and on several nodes, with and without a
 * checkpoint cost, with fractional GPUs and gangs.
 */
class SimulatorPreemptiveShortcutsTest {
    /**
     * Far more passes than these traces need. Before a job had to run twice the checkpoint cost
     * between preemptions, some of them made the replay evict and restart the same jobs without end
     * and reached it.
     */
    private static final long PASS_LIMIT = 20_000;

    @Provide
    Arbitrary<List<TraceJob>> traces() {
        return Traces.numbered(Traces.randomJob(3_000, 4_000), 150);
    }

    @Property(tries = 150)
    void every_job_starts_is_preempted_and_ends_as_with_every_active_job_in_every_call(
            @ForAll("traces") List<TraceJob> trace,
            @ForAll("preemptive") Policy policy,
            @ForAll("placements") PlacementStrategy placement,
            @ForAll("clusters") ClusterSpec cluster,
            @ForAll("checkpoints") long checkpointMs) {
        SimOptions options = SimOptions.of(policy, placement).withCheckpointMs(checkpointMs).withLasThreshold(400);

        Optional<SimResult> fast = Simulator.runLimited(trace, cluster, options, false, PASS_LIMIT);
        Optional<SimResult> reference = Simulator.runLimited(trace, cluster, options, true, PASS_LIMIT);

        assertThat(reference).as("the replay ends: no job is evicted and restarted without end").isPresent();
        assertThat(fast).isPresent();
        assertThat(fast.get().outcomes()).isEqualTo(reference.get().outcomes());
        assertThat(fast.get().preemptions()).isEqualTo(reference.get().preemptions());
        assertThat(fast.get().passes()).isEqualTo(reference.get().passes());
        assertThat(fast.get().unfinished()).isEqualTo(reference.get().unfinished());
    }

    @Provide
    Arbitrary<Policy> preemptive() {
        return Arbitraries.of(Policy.SRTF_ORACLE, Policy.LAS, Policy.LEARNED_PREEMPTIVE);
    }

    @Provide
    Arbitrary<PlacementStrategy> placements() {
        return Arbitraries.of(PlacementStrategy.PACK, PlacementStrategy.SPREAD);
    }

    @Provide
    Arbitrary<ClusterSpec> clusters() {
        return Arbitraries.of(ClusterSpec.uniform("n", 3, 8, "GPU"), ClusterSpec.pooled(3, 8, "GPU"));
    }

    @Provide
    Arbitrary<Long> checkpoints() {
        return Arbitraries.of(0L, 0L, 30_000L);
    }
}
