package dev.fastgpu.server.http;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.Json;
import dev.fastgpu.api.ReasonView;
import dev.fastgpu.api.UsageView;
import dev.fastgpu.model.JobState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to a submission reuses the spec JSON written for the store; the bytes must not change. */
class ReplyTest {
    static JobView view(JobSpec spec) {
        return new JobView("j-7", "train", "alice", "default", JobState.QUEUED, spec, new ReasonView("submitted", "waiting"), 3, 0,
                Instant.parse("2026-11-25T10:00:00.123Z"), null, null, null, null, List.of(),
                new UsageView(0, 0, 0, 2.5, null, null, null, null));
    }

    @Test
    void a_job_view_with_its_spec_json_already_written_serialises_to_the_same_bytes_as_without() throws Exception {
        JobSpec spec = new JobSpec("train", "default", List.of("python", "train.py", "--lr", "3e-4"), null, null, Map.of("A", "\"quoted\""),
                2, List.of("H100"), 1000, 0L, 0.5, 0L, Map.of(), 0, false, 3, null, null);
        JobView v = view(spec);
        String specJson = Json.strict().writeValueAsString(spec);
        String expected = Json.strict().writeValueAsString(v);
        assertThat(new String(Reply.jobBytes(v, specJson))).isEqualTo(expected);
        assertThat(new String(Reply.jobBytes(v, null))).isEqualTo(expected);
        // and the prepared JSON is what is written: the spec is not serialised a second time
        assertThat(new String(Reply.jobBytes(v, "{\"marker\":1}"))).contains("\"spec\":{\"marker\":1}");
    }
}
