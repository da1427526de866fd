package dev.fastgpu.server.service;

import dev.fastgpu.model.JobState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.store.InsertResult;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.NewJob;
import dev.fastgpu.store.Store;
import dev.fastgpu.store.StoreException;
import dev.fastgpu.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GroupCommit} against a real SQLite file: batching, durability, idempotency and failures. */
class GroupCommitTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void closeAll() throws Exception {
        clients.shutdownNow();
        for (AutoCloseable c : open.reversed()) c.close();
    }

    JdbcStore sqlite() {
        JdbcStore s = JdbcStore.sqlite(dir.resolve("fastgpu.db"));
        open.add(s);
        return s;
    }

    GroupCommit groupCommit(Store store) {
        GroupCommit g = new GroupCommit(store, 1024);
        open.add(g);
        return g;
    }

    static NewJob job(String name, String key) {
        JobRecord draft = new JobRecord(null, 0, name, "alice", "default", JobState.QUEUED, ResourceRequest.gpus(1), 0, false, 0, 0,
                "{\"command\":[\"x\"]}", "hash-" + name, key, "submitted", "waiting", T0, null, null, null, null, null, 0);
        return new NewJob(draft, new JobEvent(null, 0, T0, null, JobState.QUEUED, "submitted", "submitted by alice", null));
    }

    @Test
    void concurrent_submissions_share_commits_and_each_gets_its_own_stored_job() throws Exception {
        JdbcStore store = sqlite();
        GroupCommit commits = groupCommit(store);
        long before = store.commits();
        List<Future<InsertResult>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String name = "job" + i;
            results.add(clients.submit(() -> commits.submit(job(name, null))));
        }
        Set<String> ids = new HashSet<>();
        for (Future<InsertResult> f : results) {
            InsertResult r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.created()).isTrue();
            ids.add(r.job().id());
            assertThat(store.job(r.job().id())).contains(r.job());
        }
        assertThat(ids).hasSize(400);
        assertThat(commits.jobs()).isEqualTo(400);
        assertThat(store.commits() - before).as("transactions for 400 concurrent submissions").isEqualTo(commits.batches()).isLessThan(400);
    }

    @Test
    void an_acknowledged_job_is_in_the_database_after_a_restart() {
        JdbcStore store = sqlite();
        GroupCommit commits = groupCommit(store);
        InsertResult r = commits.submit(job("durable", "k-1"));
        // no orderly shutdown of the writer first: what was acknowledged must already be on disk
        store.close();
        try (JdbcStore reopened = JdbcStore.sqlite(dir.resolve("fastgpu.db"))) {
            assertThat(reopened.job(r.job().id())).contains(r.job());
            assertThat(reopened.events(r.job().id())).extracting(JobEvent::to).containsExactly(JobState.QUEUED);
            assertThat(reopened.jobByIdempotencyKey("alice", "k-1")).contains(r.job());
        }
    }

    @Test
    void one_key_sent_by_many_callers_at_once_makes_one_job() throws Exception {
        GroupCommit commits = groupCommit(sqlite());
        List<Future<InsertResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) results.add(clients.submit(() -> commits.submit(job("same", "key-1"))));
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<InsertResult> f : results) {
            InsertResult r = f.get(30, TimeUnit.SECONDS);
            ids.add(r.job().id());
            if (r.created()) created++;
        }
        assertThat(ids).hasSize(1);
        assertThat(created).isEqualTo(1);
    }

    @Test
    void a_bad_job_in_a_batch_fails_only_its_caller_with_the_stores_error_and_the_others_are_stored() throws Exception {
        JdbcStore real = sqlite();
        CountDownLatch firstBatchHeld = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        AtomicInteger batchesSeen = new AtomicInteger();
        Store store = failing(real, batch -> {
            if (batchesSeen.incrementAndGet() == 1) { // hold the writer so the rest queue up into one batch
                firstBatchHeld.countDown();
                await(othersQueued);
            }
            if (batch.stream().anyMatch(n -> n.draft().name().equals("poison"))) {
                throw new StoreException("database write failed: disk I/O error", null);
            }
        });
        GroupCommit commits = groupCommit(store);
        Future<InsertResult> first = clients.submit(() -> commits.submit(job("first", null)));
        firstBatchHeld.await(10, TimeUnit.SECONDS);
        List<Future<InsertResult>> good = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = "good" + i;
            good.add(clients.submit(() -> commits.submit(job(name, null))));
        }
        Future<InsertResult> poison = clients.submit(() -> commits.submit(job("poison", null)));
        Thread.sleep(200); // let them all reach the queue
        othersQueued.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).created()).isTrue();
        for (Future<InsertResult> f : good) {
            InsertResult r = f.get(10, TimeUnit.SECONDS);
            assertThat(real.job(r.job().id())).as("a neighbour of the bad job is stored").contains(r.job());
        }
        assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class)
                .hasMessageContaining("disk I/O error");
        assertThat(real.listJobs(new dev.fastgpu.store.JobFilter(Set.of(), null, null, null, 0, 100))).hasSize(11)
                .extracting(JobRecord::name).doesNotContain("poison");
    }

    @Test
    void when_the_store_fails_every_caller_gets_its_error_and_the_writer_carries_on() throws Exception {
        JdbcStore real = sqlite();
        AtomicBoolean broken = new AtomicBoolean(true);
        GroupCommit commits = groupCommit(failing(real, batch -> {
            if (broken.get()) throw new StoreException("database write failed: disk full", null);
        }));
        List<Future<InsertResult>> lost = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "lost" + i;
            lost.add(clients.submit(() -> commits.submit(job(name, null))));
        }
        for (Future<InsertResult> f : lost) {
            assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class).hasMessageContaining("disk full");
        }
        broken.set(false);
        InsertResult later = commits.submit(job("later", null));
        assertThat(real.job(later.job().id())).contains(later.job());
        assertThat(real.listJobs(new dev.fastgpu.store.JobFilter(Set.of(), null, null, null, 0, 100))).hasSize(1);
    }

    @Test
    void after_close_a_submission_is_refused_with_a_clear_error() {
        GroupCommit commits = new GroupCommit(sqlite(), 16);
        commits.close();
        assertThatThrownBy(() -> commits.submit(job("late", null))).isInstanceOf(StoreException.class)
                .hasMessageContaining("server is stopping");
    }

    interface BatchCheck {
        void check(List<NewJob> batch);
    }

    /** The real store, except that {@code insertJobs} first runs {@code check} (which may throw). */
    static Store failing(Store real, BatchCheck check) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class}, (proxy, method, args) -> {
            if (method.getName().equals("insertJobs")) {
                @SuppressWarnings("unchecked") List<NewJob> batch = (List<NewJob>) args[0];
                check.check(batch);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
