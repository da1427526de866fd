package dev.fastgpu.sim.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    @Test
    void percentiles_interpolate_between_order_statistics() {
        Stats s = new Stats(new double[]{4, 1, 3, 2});
        assertThat(s.mean()).isEqualTo(2.5);
        assertThat(s.percentile(50)).isEqualTo(2.5);
        assertThat(s.percentile(100)).isEqualTo(4);
        assertThat(s.percentile(0)).isEqualTo(1);
    }

    @Test
    void jains_index_is_one_for_equal_shares_and_one_over_n_when_one_takes_all() {
        assertThat(Stats.jain(new double[]{2, 2, 2})).isEqualTo(1.0);
        assertThat(Stats.jain(new double[]{1, 0, 0, 0})).isEqualTo(0.25);
    }

    @Test
    void summary_figures_of_two_jobs_worked_out_by_hand() {
        // one 2-GPU cluster: a runs 0..100 s on 1 GPU; b submitted at 0, waits 100 s, runs 100..105 on 2 GPUs
        var a = new JobOutcome("a", "vc1", "vc1", 1, 1000, 0, 100_000, 0, 100_000, 0, -1, false);
        var b = new JobOutcome("b", "vc2", "vc2", 2, 1000, 0, 5_000, 100_000, 105_000, 0, -1, false);
        Timeline t = new Timeline();
        t.record(0, 1, 1000);
        t.record(100_000, 0, 2000);
        t.record(105_000, 0, 0);

        RunMetrics m = RunMetrics.of(List.of(a, b), t, 2000, true);

        assertThat(m.avgJct()).isEqualTo(102.5);
        assertThat(m.avgQueue()).isEqualTo(50);
        assertThat(b.boundedSlowdown()).isEqualTo(10.5); // 105 s / max(5 s, 10 s)
        assertThat(m.avgSlowdown()).isEqualTo((1 + 10.5) / 2);
        assertThat(m.makespan()).isEqualTo(105);
        assertThat(m.utilisation()).isCloseTo((1000.0 * 100_000 + 2000.0 * 5_000) / (2000.0 * 105_000), within(1e-9));
        assertThat(m.slowdownByOwner()).containsKeys("vc1", "vc2");
        assertThat(m.fairness()).isCloseTo(Math.pow(11.5, 2) / (2 * (1 + 110.25)), within(1e-9));
    }
}
