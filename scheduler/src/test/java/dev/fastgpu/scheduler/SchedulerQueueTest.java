package dev.fastgpu.scheduler;

import dev.fastgpu.scheduler.SchedulerConfig.Backfill;
import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.fastgpu.scheduler.Builders.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Queue ordering and what happens behind a job that does not fit. */
class SchedulerQueueTest {
    static final SchedulerConfig FIFO_STRICT = new SchedulerConfig(QueueOrder.FIFO, Backfill.NONE, PlacementStrategy.PACK, false, 0);

    /** One 8-GPU node with 6 GPUs busy: a 4-GPU job is blocked, 1- and 2-GPU jobs would fit. */
    static ClusterSnapshot sixOfEightBusy(Duration runningEstimate) {
        return cluster(List.of(aNode("n1").withGpus(8, "H100").build()),
                List.of(anAllocation("running").on("n1", 0, 1, 2, 3, 4, 5).startedAt(0).estimate(runningEstimate).build()));
    }

    static List<String> placed(Plan plan) {
        return plan.placements().stream().map(Placement::jobId).toList();
    }

    static List<String> codes(Plan plan, String jobId) {
        return plan.unplaced().stream().filter(u -> u.jobId().equals(jobId)).findFirst().orElseThrow()
                .reasons().stream().map(Reason::code).toList();
    }

    static Plan run(SchedulerConfig config, ClusterSnapshot snapshot, PendingJob... jobs) {
        return new Scheduler(config).schedule(snapshot, List.of(jobs), at(1000));
    }

    @Test
    void strict_fifo_blocks_everything_behind_a_head_that_does_not_fit() {
        Plan plan = run(FIFO_STRICT, sixOfEightBusy(null),
                aJob("small-later").gpus(1).submittedAt(20).build(),
                aJob("big").gpus(4).submittedAt(10).build());

        assertThat(placed(plan)).isEmpty();
        assertThat(codes(plan, "big")).containsExactly("insufficient_gpus");
        assertThat(codes(plan, "small-later")).containsExactly("blocked_by_head");
        assertThat(plan.unplaced()).extracting(Unplaced::jobId).containsExactly("big", "small-later");
    }

    @Test
    void greedy_backfill_starts_any_later_job_that_fits() {
        Plan plan = run(FIFO_STRICT.withBackfill(Backfill.GREEDY), sixOfEightBusy(null),
                aJob("big").gpus(4).submittedAt(10).build(),
                aJob("small").gpus(2).submittedAt(20).build());

        assertThat(placed(plan)).containsExactly("small");
    }

    @Test
    void reserving_backfill_lets_a_job_through_that_ends_before_the_head_can_start() {
        // 4 of 8 busy until t=2000 by the running job's estimate; now is t=1000; the head needs all 8
        var snapshot = cluster(List.of(aNode("n1").withGpus(8, "H100").build()),
                List.of(anAllocation("running").on("n1", 0, 1, 2, 3).startedAt(0).estimate(Duration.ofSeconds(2000)).build()));
        Plan plan = run(FIFO_STRICT.withBackfill(Backfill.RESERVING), snapshot,
                aJob("big").gpus(8).submittedAt(10).build(),
                aJob("short").gpus(2).submittedAt(20).estimate(Duration.ofSeconds(500)).build(),
                aJob("long").gpus(1).submittedAt(30).estimate(Duration.ofSeconds(5000)).build());

        assertThat(placed(plan)).containsExactly("short");
        assertThat(codes(plan, "big")).containsExactly("insufficient_gpus", "reserved");
        assertThat(codes(plan, "long")).containsExactly("would_delay_reserved");
    }

    @Test
    void reserving_backfill_lets_a_long_job_through_that_leaves_the_head_its_room() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(8, "H100").build()),
                List.of(anAllocation("r1").on("n1", 0, 1, 2, 3, 4, 5).startedAt(0).estimate(Duration.ofSeconds(2000)).build()));

        // at t=2000 all 8 are free; the head needs 7, so one long 1-GPU job may run past it
        Plan plan = run(FIFO_STRICT.withBackfill(Backfill.RESERVING), snapshot,
                aJob("head").gpus(7).submittedAt(10).build(),
                aJob("long1").gpus(1).submittedAt(20).build(),
                aJob("long2").gpus(1).submittedAt(30).build());

        assertThat(placed(plan)).containsExactly("long1");
        assertThat(codes(plan, "long2")).containsExactly("would_delay_reserved");
    }

    @Test
    void reserving_backfill_keeps_other_nodes_open() {
        var snapshot = cluster(List.of(aNode("n1").withGpus(8, "H100").build(), aNode("n2").withGpus(2, "H100").build()),
                List.of(anAllocation("r1").on("n1", 0, 1, 2, 3, 4, 5).build()));

        Plan plan = run(FIFO_STRICT.withBackfill(Backfill.RESERVING), snapshot,
                aJob("head").gpus(4).submittedAt(10).build(),
                aJob("a").gpus(1).submittedAt(20).build(),
                aJob("b").gpus(1).submittedAt(30).build(),
                aJob("c").gpus(1).submittedAt(40).build());

        // no estimates: n1 is reserved without a time and backfill stays off it; n2 is free for all
        assertThat(placed(plan)).containsExactly("a", "b");
        assertThat(codes(plan, "c")).containsExactly("would_delay_reserved");
    }

    @Test
    void priority_order_runs_higher_priority_first_then_oldest() {
        Plan plan = run(FIFO_STRICT.withOrder(QueueOrder.PRIORITY), cluster(aNode("n1").withGpus(2, "H100")),
                aJob("old-low").priority(0).submittedAt(1).build(),
                aJob("new-high").priority(5).submittedAt(9).build(),
                aJob("old-high").priority(5).submittedAt(2).build());

        assertThat(placed(plan)).containsExactly("old-high", "new-high");
    }

    @Test
    void shortest_first_puts_jobs_without_an_estimate_last() {
        Plan plan = run(FIFO_STRICT.withOrder(QueueOrder.SHORTEST_FIRST), cluster(aNode("n1").withGpus(2, "H100")),
                aJob("unknown").submittedAt(1).build(),
                aJob("hour").estimate(Duration.ofHours(1)).submittedAt(2).build(),
                aJob("minute").estimate(Duration.ofMinutes(1)).submittedAt(3).build());

        assertThat(placed(plan)).containsExactly("minute", "hour");
        assertThat(codes(plan, "unknown")).containsExactly("insufficient_gpus");
    }

    @Test
    void the_same_input_gives_the_same_plan() {
        var snapshot = sixOfEightBusy(Duration.ofSeconds(100));
        List<PendingJob> jobs = List.of(aJob("a").gpus(2).build(), aJob("b").share(300).build(), aJob("c").gpus(4).build());
        Scheduler s = new Scheduler(SchedulerConfig.defaults());

        assertThat(s.schedule(snapshot, jobs, at(50))).isEqualTo(s.schedule(snapshot, jobs.reversed(), at(50)));
    }

    @Test
    void a_blocked_gang_reserves_whole_nodes_and_a_node_for_its_remainder() {
        var snapshot = cluster(List.of(aNode("a").withGpus(8, "H100").build(), aNode("b").withGpus(8, "H100").build()),
                List.of(anAllocation("r1").on("a", 0, 1, 2, 3, 4, 5, 6, 7).startedAt(0).estimate(Duration.ofSeconds(2000)).build(),
                        anAllocation("r2").on("b", 0, 1, 2, 3).startedAt(0).estimate(Duration.ofSeconds(3000)).build()));

        Plan plan = run(FIFO_STRICT.withBackfill(Backfill.RESERVING), snapshot,
                aJob("gang").gpus(12).submittedAt(10).build(),
                aJob("long").gpus(4).submittedAt(20).build(),
                aJob("short").gpus(4).submittedAt(30).estimate(Duration.ofSeconds(500)).build());

        assertThat(placed(plan)).containsExactly("short");
        assertThat(codes(plan, "long")).containsExactly("would_delay_reserved");
        Unplaced gang = plan.unplaced().stream().filter(u -> u.jobId().equals("gang")).findFirst().orElseThrow();
        assertThat(gang.reasons()).extracting(Reason::message).contains(
                "holds a reservation on nodes a, b from " + at(2000) + ", when the jobs running there should end by their estimates");
    }
}
