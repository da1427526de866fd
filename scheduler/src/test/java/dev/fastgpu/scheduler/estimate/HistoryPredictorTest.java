package dev.fastgpu.scheduler.estimate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryPredictorTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static JobFeatures job(String user, String group, String name, int gpus) {
        return new JobFeatures(user, group, name, gpus, T);
    }

    private static void ran(HistoryPredictor p, JobFeatures f, long seconds) {
        p.observe(new FinishedRun("", f, Duration.ofSeconds(seconds), T));
    }

    @Test
    void without_history_predicts_the_prior() {
        HistoryPredictor p = new HistoryPredictor();

        Prediction pr = p.predict("j", job("alice", "vc1", "train", 1));

        assertThat(pr.estimate()).isEqualTo(Duration.ofHours(1));
        assertThat(pr.basis()).isEqualTo("prior");
    }

    @Test
    void predicts_the_median_of_the_most_specific_key_with_enough_runs() {
        HistoryPredictor p = new HistoryPredictor();
        ran(p, job("alice", "vc1", "train", 1), 100);
        ran(p, job("alice", "vc1", "train", 1), 300);
        ran(p, job("alice", "vc1", "train", 1), 200);
        ran(p, job("bob", "vc1", "other", 1), 50_000);

        Prediction pr = p.predict("j", job("alice", "vc1", "train", 1));

        assertThat(pr.estimate()).isEqualTo(Duration.ofSeconds(200));
        assertThat(pr.basis()).isEqualTo("user+name+gpus");
        assertThat(pr.samples()).isEqualTo(3);
    }

    @Test
    void falls_back_to_group_and_gpus_when_the_trace_has_no_users_or_names() {
        HistoryPredictor p = new HistoryPredictor();
        ran(p, job("", "vc1", "", 8), 10_000);
        ran(p, job("", "vc1", "", 8), 12_000);
        ran(p, job("", "vc1", "", 1), 60);
        ran(p, job("", "vc2", "", 8), 5);

        Prediction pr = p.predict("j", job("", "vc1", "", 8));

        assertThat(pr.basis()).isEqualTo("group+gpus");
        assertThat(pr.estimate()).isEqualTo(Duration.ofSeconds(11_000));
    }

    @Test
    void remembers_only_the_recent_window_so_it_follows_changing_work() {
        HistoryPredictor p = new HistoryPredictor(HistoryPredictorConfig.defaults().withWindow(3));
        for (int i = 0; i < 10; i++) ran(p, job("", "vc", "", 1), 10_000);
        for (int i = 0; i < 3; i++) ran(p, job("", "vc", "", 1), 60);

        assertThat(p.predict("j", job("", "vc", "", 1)).estimate()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.observed()).isEqualTo(13);
    }

    @Test
    void uses_a_thin_key_only_when_no_key_has_enough_runs() {
        HistoryPredictor p = new HistoryPredictor(new HistoryPredictorConfig(8, 3, 0.5, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1)));
        ran(p, job("", "vc", "", 2), 500);

        Prediction pr = p.predict("j", job("", "vc", "", 2));

        assertThat(pr.estimate()).isEqualTo(Duration.ofSeconds(500));
        assertThat(pr.samples()).isEqualTo(1);
    }

    /** Submits a job of vc1 with 1 GPU {@code offset} after T and returns its prediction. */
    private static Prediction submit(HistoryPredictor p, String id, Duration offset) {
        return p.predict(id, new JobFeatures("", "vc1", "", 1, T.plus(offset)));
    }

    private static void ended(HistoryPredictor p, String id, long seconds) {
        p.observe(new FinishedRun(id, job("", "vc1", "", 1), Duration.ofSeconds(seconds), T));
    }

    /** Two fresh runs of about 3 h, then two retries of about a minute, of the same shape. */
    private static HistoryPredictor freshAndRetries(HistoryPredictorConfig config) {
        HistoryPredictor p = new HistoryPredictor(config);
        submit(p, "f1", Duration.ZERO);
        ended(p, "f1", 10_000);
        submit(p, "f2", Duration.ofHours(2));                      // 2 h after f1: fresh
        ended(p, "f2", 12_000);
        submit(p, "r1", Duration.ofHours(2).plusMinutes(10));      // 10 min after f2: retry
        ended(p, "r1", 60);
        submit(p, "r2", Duration.ofHours(2).plusMinutes(30));      // 20 min after r1: retry
        ended(p, "r2", 80);
        return p;
    }

    @Test
    void a_retry_is_predicted_from_earlier_retries_and_fresh_work_from_fresh_work() {
        HistoryPredictor p = freshAndRetries(HistoryPredictorConfig.defaults());

        Prediction retry = submit(p, "x", Duration.ofHours(2).plusMinutes(40));   // 10 min after r2
        Prediction fresh = submit(p, "y", Duration.ofHours(5));                   // 2 h 20 min after x

        assertThat(retry.basis()).isEqualTo("group+gpus+retry");
        assertThat(retry.estimate()).isEqualTo(Duration.ofSeconds(70));           // median of 60 and 80
        assertThat(fresh.basis()).isEqualTo("group+gpus+fresh");
        assertThat(fresh.estimate()).isEqualTo(Duration.ofSeconds(11_000));       // median of 10,000 and 12,000
    }

    @Test
    void a_context_without_history_falls_back_to_the_shape_over_all_contexts() {
        HistoryPredictor p = freshAndRetries(HistoryPredictorConfig.defaults());

        Prediction burst = submit(p, "z", Duration.ofHours(2).plusMinutes(30).plusSeconds(10)); // 10 s after r2

        assertThat(burst.basis()).isEqualTo("group+gpus");
        assertThat(burst.estimate()).isEqualTo(Duration.ofSeconds(5_040));       // median of 60, 80, 10,000, 12,000
    }

    @Test
    void a_waiting_job_is_predicted_again_from_the_runs_that_ended_after_its_submission_in_its_own_context() {
        HistoryPredictor p = freshAndRetries(HistoryPredictorConfig.defaults());
        Prediction atSubmit = submit(p, "x", Duration.ofHours(2).plusMinutes(40));    // a retry, 10 min after r2
        submit(p, "r3", Duration.ofHours(2).plusMinutes(45));                          // another retry, 5 min later
        ended(p, "r3", 100);

        Prediction now = p.refresh("x");

        assertThat(atSubmit.estimate()).isEqualTo(Duration.ofSeconds(70));           // median of 60 and 80
        assertThat(now.basis()).isEqualTo("group+gpus+retry");
        assertThat(now.estimate()).isEqualTo(Duration.ofSeconds(80));                // median of 60, 80 and 100
    }

    @Test
    void only_jobs_submitted_and_not_yet_ended_are_refreshed() {
        HistoryPredictor p = freshAndRetries(HistoryPredictorConfig.defaults());

        assertThat(p.refresh("never-submitted")).isNull();
        assertThat(p.refresh("r2")).as("ended: its run time is known, nothing to predict").isNull();
    }

    @Test
    void without_submit_context_every_submission_uses_the_same_history() {
        HistoryPredictor p = freshAndRetries(HistoryPredictorConfig.defaults().withSubmitContext(Duration.ZERO, Duration.ZERO));

        Prediction retry = submit(p, "x", Duration.ofHours(2).plusMinutes(40));

        assertThat(retry.basis()).isEqualTo("group+gpus");
        assertThat(retry.estimate()).isEqualTo(Duration.ofSeconds(5_040));
    }

    @Test
    void rejects_a_retry_gap_shorter_than_the_burst_gap() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryPredictorConfig.defaults()
                        .withSubmitContext(Duration.ofHours(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("burstGap <= retryGap");
    }
}
