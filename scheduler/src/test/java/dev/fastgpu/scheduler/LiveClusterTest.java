package dev.fastgpu.scheduler;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.fastgpu.scheduler.Builders.aJob;
import static dev.fastgpu.scheduler.Builders.aNode;
import static dev.fastgpu.scheduler.Builders.anAllocation;
import static dev.fastgpu.scheduler.Builders.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pass over a {@link LiveCluster} (usage kept current by the caller) must plan exactly like a
 * pass over the snapshot of the same allocations, through any sequence of jobs starting and ending.
 */
class LiveClusterTest {
    record Sequence(SchedulerPropertiesTest.Input start, List<Integer> steps) {}

    @Provide
    Arbitrary<Sequence> sequences() {
        return new SchedulerPropertiesTest().inputs().flatMap(in ->
                Arbitraries.integers().between(0, 99).list().ofMinSize(1).ofMaxSize(10).map(steps -> new Sequence(in, steps)));
    }

    @Property(tries = 300)
    void a_pass_over_the_live_cluster_plans_exactly_like_a_pass_over_its_snapshot(@ForAll("sequences") Sequence seq) {
        Scheduler scheduler = new Scheduler(seq.start().config());
        List<NodeSnapshot> nodes = seq.start().snapshot().nodes();
        LiveCluster live = new LiveCluster(nodes);
        List<Allocation> inForce = new ArrayList<>(seq.start().snapshot().allocations());
        live.addAll(inForce);
        List<PendingJob> queue = new ArrayList<>(seq.start().jobs());
        long clock = 1000;
        for (int step : seq.steps()) {
            Instant now = at(clock);
            Plan fromSnapshot = scheduler.schedule(new ClusterSnapshot(nodes, inForce), queue, now);
            Plan fromLive = scheduler.schedule(live, queue, now);
            assertThat(fromLive).isEqualTo(fromSnapshot);
            for (Placement p : fromLive.placements()) {
                PendingJob job = queue.stream().filter(j -> j.id().equals(p.jobId())).findFirst().orElseThrow();
                queue.remove(job);
                for (Placement.NodeAssignment a : p.assignments()) {
                    Allocation started = new Allocation(job.id(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(),
                            a.memoryMib(), job.priority(), job.preemptible(), now, job.estimate(), false);
                    inForce.add(started);
                    live.add(started);
                }
            }
            if (step % 2 == 0 && !inForce.isEmpty()) live.remove(inForce.remove(step % inForce.size())); // a job ends
            assertThat(live.snapshot().allocations()).containsExactlyInAnyOrderElementsOf(inForce);
            clock += 60;
        }
    }

    @Test
    void an_allocation_that_would_over_commit_a_gpu_is_refused_and_changes_nothing() {
        LiveCluster live = new LiveCluster(List.of(aNode("n1").withGpus(2, "H100").build()));
        live.add(anAllocation("a").on("n1", 0).share(600).build());

        assertThatThrownBy(() -> live.add(anAllocation("b").on("n1", 1, 0).share(500).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("job b would over-commit GPU 0 of node n1");
        assertThat(live.snapshot().allocations()).extracting(Allocation::jobId).containsExactly("a");
        assertThat(live.busyGpuMilli()).isEqualTo(600);
        assertThat(live.freeGpuMilli()).isEqualTo(1400);
        Plan plan = new Scheduler(SchedulerConfig.defaults()).schedule(live, List.of(aJob("c").gpus(1).share(400).build()), at(5));
        assertThat(plan.placements()).singleElement().satisfies(p ->
                assertThat(p.assignments().getFirst().gpuIndices()).containsExactly(0)); // best fit: the 400 left on GPU 0
    }

    @Test
    void allocations_on_unknown_nodes_or_gpus_and_ones_not_in_force_are_refused() {
        LiveCluster live = new LiveCluster(List.of(aNode("n1").withGpus(2, "H100").build()));
        Allocation a = anAllocation("a").on("n1", 1).build();

        assertThatThrownBy(() -> live.add(anAllocation("x").on("n9", 0).build()))
                .hasMessageContaining("node n9, which is not in the cluster");
        assertThatThrownBy(() -> live.add(anAllocation("y").on("n1", 2).build()))
                .hasMessageContaining("GPU 2 of node n1, which has 2 GPUs");
        assertThatThrownBy(() -> live.remove(a)).hasMessageContaining("job a's allocation on node n1 is not in force");
        live.add(a);
        live.remove(a);
        assertThat(live.snapshot().allocations()).isEmpty();
    }
}
