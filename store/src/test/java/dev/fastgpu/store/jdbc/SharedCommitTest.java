package dev.fastgpu.store.jdbc;

import dev.fastgpu.model.JobState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.ConflictException;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes that queue up behind a transaction share the next one: one sync, each write on its own. */
class SharedCommitTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    JdbcStore store;
    ExecutorService pool = Executors.newFixedThreadPool(9);

    @AfterEach
    void close() {
        pool.shutdownNow();
        if (store != null) store.close();
    }

    @Test
    void writes_that_wait_share_one_commit_and_a_conflicting_one_fails_alone() throws Exception {
        store = JdbcStore.sqlite(dir.resolve("fastgpu.db"));
        List<JobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) jobs.add(store.insertJob(draft("u" + i), submitted()).job());

        CountDownLatch holding = new CountDownLatch(1), release = new CountDownLatch(1);
        Future<?> blocker = pool.submit(() -> store.write(c -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        long before = store.commits();

        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JobRecord j = jobs.get(i);
            long expected = i == 3 ? j.version() + 7 : j.version(); // job 3's writer read a version that never was
            writes.add(pool.submit(() -> {
                store.commit(new Change().job(j.withState(JobState.CANCELLED, "cancelled", "by test"), expected));
                return null;
            }));
        }
        while (store.queuedWrites() < 8) Thread.sleep(1);
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);

        for (int i = 0; i < 8; i++) {
            Future<?> w = writes.get(i);
            if (i == 3) {
                assertThatThrownBy(() -> w.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ConflictException.class);
            } else {
                w.get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(store.commits() - before).isEqualTo(2); // the blocker's, then one for all eight
        for (int i = 0; i < 8; i++) {
            JobRecord now = store.job(jobs.get(i).id()).orElseThrow();
            assertThat(now.state()).as("job " + i).isEqualTo(i == 3 ? JobState.QUEUED : JobState.CANCELLED);
        }
        assertThat(store.jobsInStates(java.util.Set.of(JobState.QUEUED))).extracting(JobRecord::id).containsExactly(jobs.get(3).id());
    }

    @Test
    void a_write_alone_commits_at_once() {
        store = JdbcStore.sqlite(dir.resolve("fastgpu.db"));
        JobRecord j = store.insertJob(draft("alice"), submitted()).job();
        long before = store.commits();
        store.commit(new Change().job(j.withState(JobState.CANCELLED, "cancelled", "by alice"), j.version()));
        assertThat(store.commits() - before).isEqualTo(1);
        assertThatThrownBy(() -> store.commit(new Change().job(j.withState(JobState.FAILED, "x", "y"), j.version())))
                .isInstanceOf(ConflictException.class);
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }

    static JobRecord draft(String user) {
        return new JobRecord(null, 0, "train", user, "default", JobState.QUEUED, ResourceRequest.gpus(1), 0, false, 3, 0,
                "{\"command\":[\"x\"]}", "hash-" + user, null, null, null, T0, null, null, null, null, 60L, 0);
    }

    static JobEvent submitted() {
        return new JobEvent(null, 0, T0, null, JobState.QUEUED, "submitted", "submitted", null);
    }
}
