package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.JobState;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Scheduler;
import dev.fastgpu.server.ServerConfig;
import dev.fastgpu.server.service.Wakeups;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NewJob;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.jdbc.JdbcStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What one scheduling pass writes, on the real SQLite store (each commit is one sync to disk). */
class PlanCommitTest {
    @TempDir
    Path dir;
    JdbcStore store;

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    @Test
    void a_pass_that_places_jobs_is_one_commit_and_the_waiting_ones_get_their_reasons_and_places() {
        store = JdbcStore.sqlite(dir.resolve("fastgpu.db"));
        Instant now = Instant.now();
        store.putNode(new NodeRecord("box", "box", NodeState.READY, false,
                List.of(new Gpu(0, "GPU-0", "H100", 81_559, 0), new Gpu(1, "GPU-1", "H100", 81_559, 0)),
                64_000, 256_000, Map.of(), now, now));
        store.insertJobs(IntStream.range(0, 5).mapToObj(i -> queued("j" + i, now)).toList());
        SchedulingLoop loop = new SchedulingLoop(store, new Scheduler(ServerConfig.defaults().scheduler()), Clock.systemUTC(),
                Duration.ofHours(1), new Wakeups(0), new dev.fastgpu.server.service.NodeShapes(store), new SimpleMeterRegistry());

        long before = store.commits();
        loop.runOnce();

        assertThat(store.commits() - before).isEqualTo(1);
        List<JobRecord> jobs = store.jobsInStates(java.util.Set.of(JobState.QUEUED, JobState.SCHEDULED));
        assertThat(jobs).filteredOn(j -> j.state() == JobState.SCHEDULED).hasSize(2);
        List<JobRecord> waiting = jobs.stream().filter(j -> j.state() == JobState.QUEUED)
                .sorted(java.util.Comparator.comparing(JobRecord::seq)).toList();
        assertThat(waiting).hasSize(3);
        assertThat(waiting).allSatisfy(j -> assertThat(loop.queue().reason(j).code()).isNotEqualTo("submitted"));
        assertThat(waiting).extracting(j -> loop.queue().position(j)).containsExactly(1, 2, 3);
    }

    private static NewJob queued(String name, Instant now) {
        JobRecord draft = new JobRecord(null, 0, name, "admin", "default", JobState.QUEUED, ResourceRequest.gpus(1), 0, false, 3, 0,
                "{\"command\":[\"true\"],\"gpus\":1}", "hash-" + name, null, "submitted", "waiting for the first scheduling pass",
                now, null, null, null, null, null, 0);
        return new NewJob(draft, new JobEvent(null, 0, now, null, JobState.QUEUED, "submitted", "submitted by admin", null));
    }
}
