package dev.fastgpu.scheduler;

import dev.fastgpu.model.NodeState;
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
import static dev.fastgpu.scheduler.Builders.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler keeps the layout derived from the last node list between passes; that must never
 * change a plan. Each test runs one sequence of passes twice: through one scheduler (reusing its
 * layout) and through a fresh scheduler per pass (no reuse), and compares every plan.
 */
class SchedulerLayoutReuseTest {
    record Sequence(SchedulerPropertiesTest.Input start, List<Integer> steps) {}

    @Provide
    Arbitrary<Sequence> sequences() {
        return new SchedulerPropertiesTest().inputs().flatMap(in ->
                Arbitraries.integers().between(0, 99).list().ofMinSize(2).ofMaxSize(12).map(steps -> new Sequence(in, steps)));
    }

    @Property(tries = 200)
    void a_scheduler_that_reuses_its_layout_plans_exactly_like_a_fresh_one(@ForAll("sequences") Sequence seq) {
        SchedulerConfig config = seq.start().config();
        Scheduler reused = new Scheduler(config);
        List<NodeSnapshot> nodes = seq.start().snapshot().nodes();
        List<Allocation> allocations = new ArrayList<>(seq.start().snapshot().allocations());
        List<PendingJob> queue = new ArrayList<>(seq.start().jobs());
        long clock = 1000;
        for (int step : seq.steps()) {
            nodes = nextNodes(nodes, step);
            ClusterSnapshot snapshot = new ClusterSnapshot(nodes, allocations);
            Instant now = at(clock);
            Plan plan = reused.schedule(snapshot, queue, now);
            Plan fresh = new Scheduler(config).schedule(snapshot, queue, now);
            assertThat(plan).isEqualTo(fresh);
            apply(plan, queue, allocations, now);
            if (step % 3 == 0 && !allocations.isEmpty()) allocations.remove(step % allocations.size()); // a job ends
            clock += 60;
        }
    }

    /** Same list, an equal copy, a node changing state, or a node leaving: the layout is kept or rebuilt. */
    private static List<NodeSnapshot> nextNodes(List<NodeSnapshot> nodes, int step) {
        return switch (step % 4) {
            case 0 -> nodes;
            case 1 -> new ArrayList<>(nodes);
            case 2 -> {
                List<NodeSnapshot> out = new ArrayList<>(nodes);
                NodeSnapshot n = out.get(step % out.size());
                NodeState flipped = n.state() == NodeState.READY ? NodeState.DRAINING : NodeState.READY;
                out.set(step % out.size(), new NodeSnapshot(n.id(), flipped, n.gpus(), n.cpuMilli(), n.memoryMib(), n.labels()));
                yield out;
            }
            default -> nodes.size() > 1 ? nodes.subList(0, nodes.size() - 1) : nodes;
        };
    }

    private static void apply(Plan plan, List<PendingJob> queue, List<Allocation> allocations, Instant now) {
        for (Placement p : plan.placements()) {
            PendingJob job = queue.stream().filter(j -> j.id().equals(p.jobId())).findFirst().orElseThrow();
            queue.remove(job);
            for (Placement.NodeAssignment a : p.assignments()) {
                allocations.add(new Allocation(job.id(), a.nodeId(), a.gpuIndices(), a.milliPerGpu(), a.cpuMilli(),
                        a.memoryMib(), job.priority(), job.preemptible(), now, job.estimate(), false));
            }
        }
    }

    @Test
    void a_node_list_that_changes_is_not_served_from_the_old_layout() {
        Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
        List<NodeSnapshot> small = List.of(aNode("a").withGpus(2, "H100").build());
        List<NodeSnapshot> larger = List.of(aNode("a").withGpus(2, "H100").build(), aNode("b").withGpus(8, "A100").build());
        List<PendingJob> queue = List.of(aJob("j").gpus(8).build());

        Plan before = scheduler.schedule(new ClusterSnapshot(small, List.of()), queue, at(0));
        Plan after = scheduler.schedule(new ClusterSnapshot(larger, List.of()), queue, at(1));

        assertThat(before.placements()).isEmpty();
        assertThat(after.placements()).singleElement().satisfies(p ->
                assertThat(p.assignments().getFirst().nodeId()).isEqualTo("b"));
    }
}
