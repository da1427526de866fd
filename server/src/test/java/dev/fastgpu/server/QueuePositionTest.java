package dev.fastgpu.server;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.model.JobState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code queuePosition} and the in-memory reasons of queued jobs, over HTTP against a real server. */
class QueuePositionTest extends ServerPerTest {

    static JobSpec spec(String name, int gpus, int priority) {
        return new JobSpec(name, null, List.of("train"), null, null, null, gpus, null, null, null, null, null,
                null, priority, null, null, null, null);
    }

    Integer position(JobView j) {
        return admin.job(j.id()).queuePosition();
    }

    @Test
    void queued_jobs_are_numbered_in_priority_then_submit_order_and_move_up_when_one_ahead_leaves() {
        JobView a = admin.submit(spec("a", 1, 0));
        JobView b = admin.submit(spec("b", 1, 0));
        JobView urgent = admin.submit(spec("urgent", 1, 5));
        assertThat(a.queuePosition()).isNotNull(); // the answer to a submission carries one too
        await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(1).equals(position(urgent))
                && Integer.valueOf(2).equals(position(a)) && Integer.valueOf(3).equals(position(b)));
        JobView waiting = admin.job(a.id());
        assertThat(waiting.reason().code()).isEqualTo("no_nodes"); // why it waits, from the last pass
        assertThat(admin.jobs(new dev.fastgpu.api.JobQuery(java.util.Set.of(JobState.QUEUED), null, null, null, null, null)).items())
                .extracting(JobView::name, JobView::queuePosition)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("urgent", 1), org.assertj.core.groups.Tuple.tuple("b", 3),
                        org.assertj.core.groups.Tuple.tuple("a", 2));

        assertThat(admin.cancel(urgent.id()).queuePosition()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(1).equals(position(a)) && Integer.valueOf(2).equals(position(b)));
    }

    @Test
    void a_placed_job_has_no_position_and_the_jobs_behind_it_count_from_one() {
        TestServers.join(server, "gpu-box", 8, "H100");
        JobView big = admin.submit(spec("big", 8, 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> admin.job(big.id()).state() == JobState.SCHEDULED);
        JobView next = admin.submit(spec("next", 8, 0));
        JobView last = admin.submit(spec("last", 4, 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> Integer.valueOf(1).equals(position(next)) && Integer.valueOf(2).equals(position(last)));
        assertThat(admin.job(big.id()).queuePosition()).isNull();
        assertThat(admin.job(next.id()).reason().code()).isNotEqualTo("submitted");
    }
}
