package dev.fastgpu.sim.engine;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;
import dev.fastgpu.sim.cluster.ClusterSpec;
import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.trace.TraceJob;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.fastgpu.sim.engine.Traces.job;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three jobs on one 4-GPU node, worked out by hand:
 * A at 0 s needs 3 GPUs for 100 s; B at 1 s needs 2 GPUs for 50 s; C at 2 s needs 1 GPU for 10 s.
 */
class SimulatorKnownAnswersTest {
    private static final ClusterSpec ONE_NODE = ClusterSpec.uniform("n", 1, 4, "GPU");
    private static final List<TraceJob> ABC = List.of(job("A", 0, 100, 3), job("B", 1, 50, 2), job("C", 2, 10, 1));

    private static Map<String, JobOutcome> run(SimOptions options) {
        SimResult r = Simulator.run(ABC, ONE_NODE, options);
        assertThat(r.outcomes()).hasSize(3);
        return Traces.byId(r);
    }

    private static SimOptions opts(Policy p) {
        return SimOptions.of(p, PlacementStrategy.PACK);
    }

    @Test
    void strict_fifo_keeps_c_behind_b_until_a_ends() {
        // A 0..100; B cannot fit beside A and blocks C; both start when A ends: B 100..150, C 100..110.
        var o = run(opts(Policy.FIFO));
        assertThat(o.get("A").finishMs()).isEqualTo(100_000);
        assertThat(o.get("B").firstStartMs()).isEqualTo(100_000);
        assertThat(o.get("C").firstStartMs()).isEqualTo(100_000);
        assertThat(o.get("C").jctMs()).isEqualTo(108_000);
    }

    @Test
    void backfill_starts_c_on_the_free_gpu_at_once() {
        // C fits on the 4th GPU at 2 s: C 2..12; B still waits for A: 100..150. Mean JCT (100+149+10)/3.
        var o = run(opts(Policy.FIFO_BACKFILL));
        assertThat(o.get("C").firstStartMs()).isEqualTo(2_000);
        assertThat(o.get("B").firstStartMs()).isEqualTo(100_000);
    }

    @Test
    void strict_sjf_oracle_puts_the_short_c_first_so_it_starts_at_once() {
        var o = run(opts(Policy.SJF_ORACLE));
        assertThat(o.get("C").firstStartMs()).isEqualTo(2_000);
        assertThat(o.get("B").firstStartMs()).isEqualTo(100_000);
    }

    @Test
    void srtf_oracle_evicts_a_for_b_then_resumes_a_with_its_remaining_work() {
        // 1 s: B (50 s left) beats A (99 s left) and A no longer fits beside B: A evicted, B 1..51.
        // 2 s: C fits beside B: 2..12. 51 s: A resumes with 99 s left: ends at 150 s.
        SimResult r = Simulator.run(ABC, ONE_NODE, opts(Policy.SRTF_ORACLE));
        var o = Traces.byId(r);
        assertThat(o.get("B").firstStartMs()).isEqualTo(1_000);
        assertThat(o.get("B").finishMs()).isEqualTo(51_000);
        assertThat(o.get("C").finishMs()).isEqualTo(12_000);
        assertThat(o.get("A").finishMs()).isEqualTo(150_000);
        assertThat(o.get("A").preemptions()).isEqualTo(1);
        assertThat(r.preemptions()).isEqualTo(1);
    }

    @Test
    void srtf_oracle_pays_the_checkpoint_cost_twice_and_evicts_only_after_twice_that_run() {
        // Checkpoint 5 s, so a started job runs at least 10 s before it may be evicted.
        // 1 s: B (50 s) beats A (99 s left) but A has run only 1 s: A keeps running; 2 s: C 2..12 on the free GPU.
        // 10 s: A may be evicted (90 s left): it saves until 15 s, holding its GPUs; B 15..65.
        // 15 s: A released with 90 s + 5 s restore left; it waits for B and runs 65..160.
        SimResult r = Simulator.run(ABC, ONE_NODE, opts(Policy.SRTF_ORACLE).withCheckpointMs(5_000));
        var o = Traces.byId(r);
        assertThat(o.get("B").firstStartMs()).isEqualTo(15_000);
        assertThat(o.get("B").finishMs()).isEqualTo(65_000);
        assertThat(o.get("A").finishMs()).isEqualTo(160_000);
        assertThat(o.get("A").preemptions()).isEqualTo(1);
        assertThat(o.get("C").finishMs()).isEqualTo(12_000);
    }

    @Test
    void las_with_a_high_threshold_is_fifo_with_backfill() {
        var o = run(opts(Policy.LAS));
        assertThat(o.get("A").preemptions()).isZero();
        assertThat(o.get("C").firstStartMs()).isEqualTo(2_000);
        assertThat(o.get("B").firstStartMs()).isEqualTo(100_000);
    }

    @Test
    void las_demotes_a_after_100_gpu_seconds_and_lets_b_run() {
        // A (3 GPUs) reaches 100 GPU-s at 33.334 s and drops to the low queue; B (high queue) evicts it:
        // B 33.334..83.334; A resumes with 66.666 s left and ends at 150 s.
        var o = run(opts(Policy.LAS).withLasThreshold(100));
        assertThat(o.get("B").firstStartMs()).isEqualTo(33_334);
        assertThat(o.get("B").finishMs()).isEqualTo(83_334);
        assertThat(o.get("A").finishMs()).isEqualTo(150_000);
        assertThat(o.get("A").preemptions()).isEqualTo(1);
    }

    @Test
    void learned_without_history_falls_back_to_submit_order_with_backfill() {
        var o = run(opts(Policy.LEARNED));
        assertThat(o.get("C").firstStartMs()).isEqualTo(2_000);
        assertThat(o.get("B").firstStartMs()).isEqualTo(100_000);
        assertThat(o.get("A").predictedMs()).isEqualTo(3_600_000);
    }

    @Test
    void a_job_larger_than_the_cluster_is_reported_not_simulated() {
        SimResult r = Simulator.run(List.of(job("huge", 0, 10, 5), job("ok", 0, 10, 1)), ONE_NODE, opts(Policy.FIFO));
        assertThat(r.outcomes()).extracting(JobOutcome::id).containsExactly("ok");
        assertThat(r.unrunnable()).singleElement().asString().contains("huge").contains("5 GPUs");
    }

    @Test
    void a_gang_spreads_over_whole_nodes() {
        ClusterSpec two = ClusterSpec.uniform("n", 2, 8, "GPU");
        SimResult r = Simulator.run(List.of(job("g", 0, 10, 12), job("s", 0, 10, 4)), two, opts(Policy.FIFO));
        assertThat(r.outcomes()).extracting(JobOutcome::finishMs).containsExactly(10_000L, 10_000L);
    }
}
