package dev.fastgpu.server;

import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestartTest {
    @TempDir
    Path dir;

    @Test
    void a_server_restarted_on_the_same_data_dir_still_has_every_job_and_token() throws Exception {
        List<String> ids = new ArrayList<>();
        String adminToken;
        String joinToken;
        String cancelled;
        try (FastGpuServer first = TestServers.start(dir)) {
            adminToken = first.adminToken();
            joinToken = first.joinToken();
            FastGpuClient c = TestServers.admin(first, adminToken);
            for (int i = 0; i < 3; i++) ids.add(c.submit(JobSpec.of(1, "job" + i)).id());
            cancelled = ids.getFirst();
            c.cancel(cancelled);
        }
        assertThat(Files.readString(dir.resolve("join-token")).trim()).isEqualTo(joinToken);
        assertThat(Files.readString(dir.resolve("fastgpu.db"), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(adminToken);
        try (FastGpuServer second = TestServers.start(dir)) {
            assertThat(second.adminToken()).as("the admin token is printed only on the first start").isNull();
            assertThat(second.joinToken()).isEqualTo(joinToken);
            FastGpuClient c = TestServers.admin(second, adminToken);
            assertThat(c.jobs(JobQuery.all()).items()).extracting(JobView::id).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(c.job(cancelled).state()).isEqualTo(JobState.CANCELLED);
            assertThat(c.events(cancelled).items()).hasSize(2);
            String next = c.submit(JobSpec.of(1, "later")).id();
            assertThat(ids).doesNotContain(next);
        }
    }
}
