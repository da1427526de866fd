package dev.fastgpu.store;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.JobState;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every {@link Store} follows; each implementation runs this suite through a subclass. */
abstract class StoreContractTest {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    protected Store store;

    protected abstract Store newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static JobRecord draft(String user, String key) {
        return new JobRecord(null, 0, "train", user, "default", JobState.QUEUED,
                ResourceRequest.gpus(4).withModels("H100").withNodeLabels(Map.of("zone", "a=b&c")), 5, true, 3, 0,
                "{\"command\":[\"x\"]}", "hash1", key, null, null, T0, null, null, null, null, 60L, 0);
    }

    static JobEvent submitted() {
        return new JobEvent(null, 0, T0, null, JobState.QUEUED, "submitted", "submitted by alice", null);
    }

    JobRecord insert(String user) {
        return store.insertJob(draft(user, null), submitted()).job();
    }

    @Test
    void inserted_jobs_get_increasing_ids_and_read_back_unchanged() {
        JobRecord a = insert("alice");
        JobRecord b = insert("bob");
        assertThat(a.id()).isEqualTo("j-" + a.seq());
        assertThat(b.seq()).isGreaterThan(a.seq());
        assertThat(a.version()).isEqualTo(1);
        assertThat(store.job(a.id())).contains(a);
        assertThat(store.job(a.id()).orElseThrow().request().nodeLabels()).containsEntry("zone", "a=b&c");
        assertThat(store.job("j-999")).isEmpty();
    }

    @Test
    void the_queue_tail_lists_queued_jobs_after_a_seq_and_counts_the_whole_queue() {
        JobRecord a = insert("alice");
        JobRecord b = insert("alice");
        JobRecord c = insert("bob");
        store.commit(new Change().job(b.withState(JobState.CANCELLED, "cancelled", "by test"), b.version()));
        QueueTail tail = store.queueTail(a.seq());
        assertThat(tail.jobs()).extracting(JobRecord::id).containsExactly(c.id());
        assertThat(tail.queued()).isEqualTo(2);
        assertThat(store.queueTail(0).jobs()).extracting(JobRecord::id).containsExactly(a.id(), c.id());
        assertThat(store.queueTail(c.seq()).jobs()).isEmpty();
    }

    @Test
    void the_same_idempotency_key_of_the_same_user_returns_the_first_job() {
        InsertResult first = store.insertJob(draft("alice", "k1"), submitted());
        InsertResult again = store.insertJob(draft("alice", "k1"), submitted());
        InsertResult otherUser = store.insertJob(draft("bob", "k1"), submitted());
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.job().id()).isEqualTo(first.job().id());
        assertThat(otherUser.created()).isTrue();
        assertThat(store.jobByIdempotencyKey("alice", "k1")).contains(first.job());
        assertThat(store.listJobs(new JobFilter(Set.of(), null, null, null, 0, 10))).hasSize(2);
    }

    @Test
    void a_batch_of_new_jobs_is_stored_in_order_each_with_its_submission_event() {
        JobRecord before = insert("alice");
        List<InsertResult> results = store.insertJobs(List.of(
                new NewJob(draft("alice", null), submitted()),
                new NewJob(draft("bob", null), submitted()),
                new NewJob(draft("carol", "k9"), submitted())));
        assertThat(results).extracting(InsertResult::created).containsExactly(true, true, true);
        assertThat(results).extracting(r -> r.job().user()).containsExactly("alice", "bob", "carol");
        assertThat(results).extracting(r -> r.job().seq()).containsExactly(before.seq() + 1, before.seq() + 2, before.seq() + 3);
        for (InsertResult r : results) {
            assertThat(r.job().id()).isEqualTo("j-" + r.job().seq());
            assertThat(r.job().version()).isEqualTo(1);
            assertThat(store.job(r.job().id())).contains(r.job());
            assertThat(store.events(r.job().id())).extracting(JobEvent::seq, JobEvent::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, JobState.QUEUED));
        }
        assertThat(store.jobByIdempotencyKey("carol", "k9")).contains(results.get(2).job());
        assertThat(insert("dave").seq()).isEqualTo(before.seq() + 4);
        assertThat(store.insertJobs(List.of())).isEmpty();
    }

    @Test
    void in_a_batch_a_key_used_before_or_earlier_in_the_batch_returns_the_first_job() {
        InsertResult earlier = store.insertJob(draft("alice", "old"), submitted());
        List<InsertResult> results = store.insertJobs(List.of(
                new NewJob(draft("alice", "old"), submitted()),
                new NewJob(draft("alice", "new"), submitted()),
                new NewJob(draft("alice", "new"), submitted()),
                new NewJob(draft("bob", "new"), submitted())));
        assertThat(results).extracting(InsertResult::created).containsExactly(false, true, false, true);
        assertThat(results.get(0).job()).isEqualTo(earlier.job());
        assertThat(results.get(2).job()).isEqualTo(results.get(1).job());
        assertThat(results.get(3).job().id()).isNotEqualTo(results.get(1).job().id());
        assertThat(store.listJobs(new JobFilter(Set.of(), null, null, null, 0, 10))).hasSize(3);
        assertThat(store.events(results.get(1).job().id())).hasSize(1);
    }

    @Test
    void jobs_in_states_follow_every_commit_with_the_new_version_and_finished_jobs_leave() {
        JobRecord a = insert("alice");
        JobRecord b = insert("bob");
        JobRecord c = insert("carol");
        store.commit(new Change()
                .job(a.withState(JobState.SCHEDULED, "placed", "on n1"), a.version())
                .job(b.withState(JobState.CANCELLED, "cancelled", "by bob"), b.version()));
        assertThatThrownBy(() -> store.commit(new Change().job(c.withState(JobState.CANCELLED, "x", "y"), c.version())
                .job(a.withState(JobState.CANCELLED, "x", "y"), a.version()))).isInstanceOf(ConflictException.class);
        assertThat(store.jobsInStates(Set.of(JobState.QUEUED))).containsExactly(c.withoutSpec());
        assertThat(store.jobsInStates(Set.of(JobState.SCHEDULED, JobState.QUEUED)))
                .containsExactly(store.job(a.id()).orElseThrow().withoutSpec(), c.withoutSpec());
        assertThat(store.jobsInStates(Set.of(JobState.SCHEDULED)).getFirst().version()).isEqualTo(2);
        assertThat(store.jobsInStates(Set.of(JobState.CANCELLED))).containsExactly(store.job(b.id()).orElseThrow().withoutSpec());
        assertThat(store.jobsInStates(Set.of(JobState.CANCELLED, JobState.QUEUED))).extracting(JobRecord::id)
                .containsExactly(b.id(), c.id());
    }

    @Test
    void records_for_the_scheduler_come_without_the_spec_and_a_write_through_one_keeps_the_stored_spec() {
        JobRecord a = insert("alice");
        assertThat(a.specJson()).isNotNull();
        JobRecord listed = store.jobsInStates(Set.of(JobState.QUEUED)).getFirst();
        assertThat(listed.specJson()).isNull();
        assertThat(listed.specHash()).isNull();
        assertThat(store.queueTail(0).jobs().getFirst().specJson()).isNull();
        store.commit(new Change().job(listed.withState(JobState.SCHEDULED, "placed", "on n1"), listed.version()));
        JobRecord stored = store.job(a.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(stored.specJson()).isEqualTo(a.specJson());
        assertThat(stored.specHash()).isEqualTo(a.specHash());
        assertThat(store.jobsInStates(Set.of(JobState.SCHEDULED))).containsExactly(stored.withoutSpec());
    }

    @Test
    void listing_is_newest_first_filters_and_pages_by_seq() {
        for (int i = 0; i < 5; i++) insert(i % 2 == 0 ? "alice" : "bob");
        List<JobRecord> page1 = store.listJobs(new JobFilter(Set.of(), "alice", null, null, 0, 2));
        assertThat(page1).extracting(JobRecord::user).containsOnly("alice");
        assertThat(page1.get(0).seq()).isGreaterThan(page1.get(1).seq());
        List<JobRecord> page2 = store.listJobs(new JobFilter(Set.of(), "alice", null, null, page1.get(1).seq(), 2));
        assertThat(page2).hasSize(1);
        assertThat(store.listJobs(new JobFilter(Set.of(JobState.RUNNING), null, null, null, 0, 10))).isEmpty();
        assertThat(store.jobsInStates(Set.of(JobState.QUEUED))).hasSize(5).isSortedAccordingTo(
                (x, y) -> Long.compare(x.seq(), y.seq()));
    }

    @Test
    void a_commit_updates_the_job_appends_events_in_order_and_bumps_the_version() {
        JobRecord j = insert("alice");
        AllocationRecord alloc = allocation("a-1", j.id(), "n1");
        store.commit(new Change()
                .job(j.withState(JobState.SCHEDULED, "placed", "on n1").withAttempt(1), j.version())
                .event(new JobEvent(j.id(), 0, T0.plusSeconds(1), JobState.QUEUED, JobState.SCHEDULED, "placed", "on n1", "n1"))
                .allocation(alloc));
        JobRecord after = store.job(j.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(after.attempt()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(2);
        assertThat(store.events(j.id())).extracting(JobEvent::seq, JobEvent::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, JobState.QUEUED), org.assertj.core.groups.Tuple.tuple(2L, JobState.SCHEDULED));
        assertThat(store.liveAllocations()).containsExactly(alloc);
        assertThat(store.allocationsOfJob(j.id())).containsExactly(alloc);
    }

    @Test
    void a_commit_with_a_stale_version_writes_nothing() {
        JobRecord j = insert("alice");
        store.commit(new Change().job(j.withState(JobState.CANCELLED, "cancelled", "by alice"), j.version()));
        Change stale = new Change()
                .job(j.withState(JobState.SCHEDULED, "placed", "on n1"), j.version())
                .event(new JobEvent(j.id(), 0, T0, JobState.QUEUED, JobState.SCHEDULED, "placed", "x", "n1"))
                .allocation(allocation("a-2", j.id(), "n1"));
        assertThatThrownBy(() -> store.commit(stale)).isInstanceOf(ConflictException.class).hasMessageContaining(j.id());
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.events(j.id())).hasSize(1);
        assertThat(store.liveAllocations()).isEmpty();
    }

    @Test
    void two_writes_of_one_job_in_one_change_count_as_one_update() {
        JobRecord j = insert("alice");
        JobRecord scheduled = j.withState(JobState.SCHEDULED, "placed", "n1");
        store.commit(new Change()
                .job(scheduled, j.version())
                .event(new JobEvent(j.id(), 0, T0, JobState.QUEUED, JobState.SCHEDULED, "placed", "n1", "n1"))
                .job(scheduled.withState(JobState.LOST, "node_lost", "gone"), j.version())
                .event(new JobEvent(j.id(), 0, T0, JobState.SCHEDULED, JobState.LOST, "node_lost", "gone", "n1")));
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(JobState.LOST);
        assertThat(store.job(j.id()).orElseThrow().version()).isEqualTo(2);
        assertThat(store.events(j.id())).extracting(JobEvent::to).containsExactly(JobState.QUEUED, JobState.SCHEDULED, JobState.LOST);
    }

    @Test
    void released_allocations_no_longer_hold_resources() {
        JobRecord j = insert("alice");
        AllocationRecord a = allocation("a-1", j.id(), "n1");
        store.commit(new Change().allocation(a));
        store.commit(new Change().allocation(a.withState(AllocationState.RELEASING, null)));
        assertThat(store.liveAllocations()).extracting(AllocationRecord::state).containsExactly(AllocationState.RELEASING);
        store.commit(new Change().allocation(a.withState(AllocationState.RELEASED, T0.plusSeconds(9))));
        assertThat(store.liveAllocations()).isEmpty();
        assertThat(store.allocation("a-1").orElseThrow().releasedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void nodes_are_upserted_and_listed_by_id() {
        NodeRecord n = new NodeRecord("n2", "host-2", NodeState.READY, false,
                List.of(new Gpu(0, "GPU-a,b", "H100", 81920, 0), new Gpu(1, "GPU-c", "H100", 81920, -1)),
                64000, 512000, Map.of("zone", "a"), T0, T0);
        store.putNode(n);
        store.putNode(new NodeRecord("n1", "host-1", NodeState.READY, false, List.of(), 0, 0, Map.of(), T0, null));
        store.putNode(n.withState(NodeState.DRAINING, true));
        assertThat(store.nodes()).extracting(NodeRecord::id).containsExactly("n1", "n2");
        assertThat(store.node("n2")).contains(n.withState(NodeState.DRAINING, true));
    }

    /**
     * Heartbeats and drains both change a node read a moment before: with read-then-put one of them could
     * write the other away (an e2e test saw a drain vanish). Two threads each add 1 to a field 200 times.
     */
    @Test
    void node_updates_from_two_threads_lose_nothing() throws Exception {
        store.putNode(new NodeRecord("n1", "host-1", NodeState.READY, false, List.of(), 0, 0, Map.of(), T0, T0));
        Runnable bump = () -> {
            for (int i = 0; i < 200; i++) {
                store.updateNode("n1", n -> new NodeRecord(n.id(), n.hostname(), n.state(), n.drained(), n.gpus(), n.cpuMilli() + 1,
                        n.memoryMib(), n.labels(), n.joinedAt(), n.lastHeartbeatAt()));
            }
        };
        Thread other = Thread.ofPlatform().start(bump);
        bump.run();
        other.join();
        assertThat(store.node("n1").orElseThrow().cpuMilli()).isEqualTo(400);
        assertThat(store.updateNode("nobody", n -> n)).isEmpty();
    }

    @Test
    void log_chunks_sent_twice_are_stored_once_in_arrival_order() {
        JobRecord j = insert("alice");
        List<LogChunkRecord> batch = List.of(new LogChunkRecord(j.id(), "a-1", 0, "stdout", "hello\n", 0),
                new LogChunkRecord(j.id(), "a-1", 1, "stderr", "warn\n", 0));
        assertThat(store.appendLogs(batch)).isEqualTo(2);
        assertThat(store.appendLogs(batch)).isZero();
        store.appendLogs(List.of(new LogChunkRecord(j.id(), "a-1", 2, "stdout", "bye\n", 0)));
        List<LogChunkRecord> all = store.logs(j.id(), 0, 100);
        assertThat(all).extracting(LogChunkRecord::data).containsExactly("hello\n", "warn\n", "bye\n");
        assertThat(store.logs(j.id(), all.get(1).cursor(), 100)).extracting(LogChunkRecord::data).containsExactly("bye\n");
    }

    @Test
    void tokens_users_projects_and_samples_are_kept() {
        store.ensureUser("alice");
        store.ensureUser("alice");
        store.ensureProject("default");
        assertThat(store.userExists("alice")).isTrue();
        assertThat(store.userExists("bob")).isFalse();
        assertThat(store.projectExists("default")).isTrue();
        TokenRecord t = new TokenRecord("abc123", TokenKind.ADMIN, "admin", null, T0);
        store.insertToken(t);
        assertThat(store.tokenByHash("abc123")).contains(t);
        assertThat(store.countTokens(TokenKind.ADMIN)).isEqualTo(1);
        assertThat(store.countTokens(TokenKind.JOIN)).isZero();
        store.appendSamples(List.of(new GpuSampleRecord("j-1", "a-1", T0.plusSeconds(2), 0, 90.5, 1000, 300),
                new GpuSampleRecord("j-1", "a-1", T0.plusSeconds(1), 0, 50, 900, 250)));
        assertThat(store.samples("j-1")).extracting(GpuSampleRecord::utilPercent).containsExactly(50.0, 90.5);
    }

    static AllocationRecord allocation(String id, String jobId, String node) {
        return new AllocationRecord(id, jobId, node, 1, List.of(0, 1, 2, 3), "H100", 1000, 0, 0, AllocationState.ACTIVE, T0, null, null);
    }
}
