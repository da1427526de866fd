package dev.fastgpu.scheduler.estimate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GittinsIndexTest {
    private static final double[] BIMODAL = {10, 10, 1000, 1000};

    @Test
    void an_often_short_history_gets_a_short_quantum_and_a_small_rank() {
        // quantum 10 s: half the runs end, expected service (10+10+10+10)/4 = 10, so 10 / 0.5 = 20 s per completion;
        // quantum 1000 s: all end, expected service (10+10+1000+1000)/4 = 505 s per completion
        GittinsIndex.Rank r = GittinsIndex.of(BIMODAL, 0, 0);

        assertThat(r.seconds()).isCloseTo(20, within(1e-9));
        assertThat(r.quantumS()).isCloseTo(10, within(1e-9));
    }

    @Test
    void a_job_that_outlives_its_quantum_is_ranked_by_the_long_runs_only() {
        GittinsIndex.Rank r = GittinsIndex.of(BIMODAL, 10, 0); // runs > 10 s: both 1000 s ones, 990 s left

        assertThat(r.seconds()).isCloseTo(990, within(1e-9));
        assertThat(r.quantumS()).isCloseTo(990, within(1e-9));
    }

    @Test
    void one_known_run_time_ranks_by_the_time_left_plus_set_up() {
        GittinsIndex.Rank r = GittinsIndex.of(new double[]{100}, 30, 5);

        assertThat(r.seconds()).isCloseTo(75, within(1e-9));
        assertThat(r.quantumS()).isCloseTo(70, within(1e-9));
    }

    @Test
    void set_up_cost_favours_the_longer_quantum() {
        // {10, 1000} with 100 s set-up: quantum 10 gives (10 + 10 + 200) / 1 = 220; quantum 1000 gives (10 + 1000 + 200) / 2 = 605
        assertThat(GittinsIndex.of(new double[]{10, 1000}, 0, 100).quantumS()).isEqualTo(10);
        // with 1000 s set-up: (20 + 2000) / 1 = 2020 against (1010 + 2000) / 2 = 1505
        assertThat(GittinsIndex.of(new double[]{10, 1000}, 0, 1000).quantumS()).isEqualTo(1000);
    }

    @Test
    void no_rank_once_the_job_has_run_longer_than_every_run_of_the_sample() {
        assertThat(GittinsIndex.of(BIMODAL, 1000, 0)).isNull();
        assertThat(GittinsIndex.of(new double[0], 0, 0)).isNull();
    }

    @Test
    void the_history_sample_falls_back_to_a_broader_key_once_the_job_outran_its_own() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        HistoryPredictor p = new HistoryPredictor(HistoryPredictorConfig.defaults().withSubmitContext(Duration.ZERO, Duration.ZERO));
        JobFeatures vc1 = new JobFeatures("", "vc1", "", 1, t), vc2 = new JobFeatures("", "vc2", "", 1, t);
        p.observe(new FinishedRun("a", vc1, Duration.ofSeconds(20), t));
        p.observe(new FinishedRun("b", vc1, Duration.ofSeconds(30), t));
        p.observe(new FinishedRun("c", vc2, Duration.ofSeconds(5_000), t));
        p.predict("j", vc1);

        assertThat(p.runTimes("j", 0)).containsExactly(20, 30);           // its VC and size
        assertThat(p.runTimes("j", 30)).containsExactly(20, 30, 5_000);   // all 1-GPU runs: the only ones longer
        assertThat(p.runTimes("j", 5_000)).isNull();
        assertThat(p.runTimes("unknown", 0)).isNull();
        p.observe(new FinishedRun("j", vc1, Duration.ofSeconds(40), t));
        assertThat(p.runTimes("j", 0)).as("an ended job is forgotten").isNull();
    }
}
