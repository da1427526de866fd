package dev.fastgpu.scheduler;

import dev.fastgpu.scheduler.SchedulerConfig.Backfill;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fastgpu.scheduler.Builders.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Higher-priority jobs evict lower-priority preemptible ones, losing as little work as possible. */
class SchedulerPreemptionTest {
    static final SchedulerConfig CONFIG = new SchedulerConfig(QueueOrder.PRIORITY, Backfill.GREEDY, PlacementStrategy.PACK, true, 0);

    static Plan run(ClusterSnapshot snapshot, PendingJob... jobs) {
        return new Scheduler(CONFIG).schedule(snapshot, List.of(jobs), at(1000));
    }

    static Unplaced unplaced(Plan plan, String jobId) {
        return plan.unplaced().stream().filter(u -> u.jobId().equals(jobId)).findFirst().orElseThrow();
    }

    @Test
    void evicts_the_victims_that_lose_the_fewest_gpu_seconds() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(4, "H100").build(), aNode("n2").withGpus(4, "H100").build()),
                List.of(
                        // n1: two 2-GPU jobs running 900 s each -> 3600 GPU-s to free 4 GPUs
                        anAllocation("old-a").on("n1", 0, 1).startedAt(100).preemptible().build(),
                        anAllocation("old-b").on("n1", 2, 3).startedAt(100).preemptible().build(),
                        // n2: one 4-GPU job running 100 s -> 400 GPU-s
                        anAllocation("young").on("n2", 0, 1, 2, 3).startedAt(900).preemptible().build()));

        Plan plan = run(snapshot, aJob("urgent").gpus(4).priority(10).build());

        assertThat(plan.preemptions()).singleElement().satisfies(p -> {
            assertThat(p.victimJobId()).isEqualTo("young");
            assertThat(p.beneficiaryJobId()).isEqualTo("urgent");
            assertThat(p.nodeId()).isEqualTo("n2");
            assertThat(p.lostGpuSeconds()).isEqualTo(400.0);
        });
        assertThat(plan.placements()).isEmpty();
        assertThat(unplaced(plan, "urgent").reasons()).extracting(Reason::message)
                .containsExactly("preempting job young on node n2; starts when they release their GPUs");
    }

    @Test
    void never_evicts_equal_or_higher_priority_or_non_preemptible_jobs() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(2, "H100").build()),
                List.of(anAllocation("same").on("n1", 0).priority(10).preemptible().build(),
                        anAllocation("pinned").on("n1", 1).priority(0).build()));

        Plan plan = run(snapshot, aJob("urgent").gpus(1).priority(10).build());

        assertThat(plan.preemptions()).isEmpty();
        assertThat(unplaced(plan, "urgent").reasons()).extracting(Reason::code).containsExactly("insufficient_gpus");
    }

    @Test
    void does_not_evict_more_when_jobs_being_stopped_will_make_room() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(2, "H100").build()),
                List.of(anAllocation("stopping").on("n1", 0).preemptible().releasing().build(),
                        anAllocation("victim").on("n1", 1).preemptible().build()));

        Plan plan = run(snapshot, aJob("urgent").gpus(1).priority(10).build());

        assertThat(plan.preemptions()).isEmpty();
        assertThat(unplaced(plan, "urgent").reasons()).extracting(Reason::code).containsExactly("waiting_for_release");
    }

    @Test
    void holds_the_free_part_of_the_node_for_the_beneficiary() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(2, "H100").build()),
                List.of(anAllocation("victim").on("n1", 1).preemptible().build()));

        Plan plan = run(snapshot, aJob("urgent").gpus(2).priority(10).submittedAt(1).build(),
                aJob("low").gpus(1).priority(0).submittedAt(0).build());

        assertThat(plan.preemptions()).extracting(Preemption::victimJobId).containsExactly("victim");
        assertThat(plan.placements()).isEmpty(); // GPU 0 is held for "urgent", not given to "low"
    }

    @Test
    void a_victim_is_chosen_only_once_per_pass() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(1, "H100").build(), aNode("n2").withGpus(1, "H100").build()),
                List.of(anAllocation("v1").on("n1", 0).preemptible().startedAt(0).build(),
                        anAllocation("v2").on("n2", 0).preemptible().startedAt(500).build()));

        Plan plan = run(snapshot, aJob("u1").priority(10).submittedAt(1).build(), aJob("u2").priority(10).submittedAt(2).build(),
                aJob("u3").priority(10).submittedAt(3).build());

        assertThat(plan.preemptions()).extracting(Preemption::victimJobId).containsExactly("v2", "v1");
        assertThat(unplaced(plan, "u3").reasons()).extracting(Reason::code).containsExactly("insufficient_gpus");
    }
}
