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

        Prediction pr = p.predict(job("alice", "vc1", "train", 1));

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

        Prediction pr = p.predict(job("alice", "vc1", "train", 1));

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

        Prediction pr = p.predict(job("", "vc1", "", 8));

        assertThat(pr.basis()).isEqualTo("group+gpus");
        assertThat(pr.estimate()).isEqualTo(Duration.ofSeconds(11_000));
    }

    @Test
    void remembers_only_the_recent_window_so_it_follows_changing_work() {
        HistoryPredictor p = new HistoryPredictor(new HistoryPredictorConfig(3, 2, 0.5, Duration.ofHours(1)));
        for (int i = 0; i < 10; i++) ran(p, job("", "vc", "", 1), 10_000);
        for (int i = 0; i < 3; i++) ran(p, job("", "vc", "", 1), 60);

        assertThat(p.predict(job("", "vc", "", 1)).estimate()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.observed()).isEqualTo(13);
    }

    @Test
    void uses_a_thin_key_only_when_no_key_has_enough_runs() {
        HistoryPredictor p = new HistoryPredictor(new HistoryPredictorConfig(8, 3, 0.5, Duration.ofHours(1)));
        ran(p, job("", "vc", "", 2), 500);

        Prediction pr = p.predict(job("", "vc", "", 2));

        assertThat(pr.estimate()).isEqualTo(Duration.ofSeconds(500));
        assertThat(pr.samples()).isEqualTo(1);
    }
}
