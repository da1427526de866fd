package dev.fastgpu.store;

import dev.fastgpu.model.JobState;
import dev.fastgpu.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return JdbcStore.sqlite(dir.resolve("state.db"));
    }

    @Test
    void the_database_runs_in_wal_mode_with_full_sync() {
        JdbcStore jdbc = (JdbcStore) store;
        assertThat(jdbc.pragma("journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(jdbc.pragma("synchronous")).isEqualTo("2"); // FULL
        assertThat(jdbc.pragma("busy_timeout")).isEqualTo("5000");
    }

    @Test
    void committed_jobs_survive_reopening_the_file() {
        JobRecord j = insert("alice");
        store.commit(new Change().job(j.withState(JobState.CANCELLED, "cancelled", "by alice"), 1));
        store.close();
        store = JdbcStore.sqlite(dir.resolve("state.db"));
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.events(j.id())).hasSize(1);
        JobRecord waiting = insert("dave");
        store.close();
        store = JdbcStore.sqlite(dir.resolve("state.db"));
        assertThat(store.jobsInStates(Set.of(JobState.QUEUED))).as("unfinished jobs are found after reopening").containsExactly(waiting.withoutSpec());
        assertThat(insert("bob").seq()).isGreaterThan(j.seq());
    }

    @Test
    void the_nodes_and_allocations_kept_in_memory_are_what_the_database_holds() {
        java.time.Instant fine = T0.plusNanos(123_456_789); // stored to the millisecond
        NodeRecord n = new NodeRecord("n1", "host-1", dev.fastgpu.model.NodeState.READY, false,
                List.of(new dev.fastgpu.model.Gpu(0, "GPU-0", "H100", 81920, -1)), 8000, 64000, java.util.Map.of("zone", "a"), fine, fine);
        store.putNode(n);
        store.putNode(new NodeRecord("n0", "host-0", dev.fastgpu.model.NodeState.READY, false, List.of(), 0, 0, java.util.Map.of(), T0, null));
        JobRecord j = insert("alice");
        AllocationRecord a = new AllocationRecord("a-2", j.id(), "n1", 1, List.of(0), "H100", 500, 0, 0, AllocationState.ACTIVE, fine, null, null);
        AllocationRecord b = allocation("a-1", j.id(), "n1");
        store.commit(new Change().allocation(a).allocation(b));
        // a later write changes an allocation's state and times only, whatever else it carries (as the SQL upsert does)
        store.commit(new Change().allocation(new AllocationRecord("a-2", j.id(), "elsewhere", 9, List.of(5), "A100", 1000, 1, 1,
                AllocationState.RELEASING, T0, fine, null)));
        store.commit(new Change().allocation(b.withState(AllocationState.RELEASED, fine)));
        List<NodeRecord> nodes = store.nodes();
        List<AllocationRecord> live = store.liveAllocations();
        java.util.Optional<NodeRecord> one = store.node("n1");

        store.close();
        store = JdbcStore.sqlite(dir.resolve("state.db")); // answers from rows read back from the file
        assertThat(nodes).isEqualTo(store.nodes()).extracting(NodeRecord::id).containsExactly("n0", "n1");
        assertThat(one).isEqualTo(store.node("n1")).get().extracting(NodeRecord::lastHeartbeatAt).isEqualTo(T0.plusMillis(123));
        assertThat(live).isEqualTo(store.liveAllocations()).singleElement().satisfies(x -> {
            assertThat(x.nodeId()).isEqualTo("n1");
            assertThat(x.state()).isEqualTo(AllocationState.RELEASING);
            assertThat(x.startedAt()).isEqualTo(T0.plusMillis(123));
        });
    }

    @Test
    void a_batch_with_one_bad_job_stores_none_of_them() {
        JobRecord before = insert("alice");
        JobRecord bad = draft("bob", null).withState(JobState.QUEUED, "x", "y");
        bad = new JobRecord(null, 0, null, bad.user(), bad.project(), bad.state(), bad.request(), 0, false, 0, 0,
                bad.specJson(), bad.specHash(), null, null, null, T0, null, null, null, null, null, 0); // no name: NOT NULL fails
        List<NewJob> batch = List.of(new NewJob(draft("alice", "k1"), submitted()), new NewJob(bad, submitted()));
        assertThatThrownBy(() -> store.insertJobs(batch)).isInstanceOf(StoreException.class).hasMessageContaining("NOT NULL");
        assertThat(store.jobByIdempotencyKey("alice", "k1")).isEmpty();
        assertThat(store.listJobs(new JobFilter(Set.of(), null, null, null, 0, 10))).containsExactly(before);
        assertThat(insert("carol").seq()).isEqualTo(before.seq() + 1);
    }

    @Test
    void each_write_transaction_is_counted_once_so_a_batch_costs_one_commit() {
        JdbcStore jdbc = (JdbcStore) store;
        long before = jdbc.commits();
        store.insertJobs(List.of(new NewJob(draft("alice", null), submitted()), new NewJob(draft("bob", null), submitted())));
        assertThat(jdbc.commits()).isEqualTo(before + 1);
        insert("carol");
        assertThat(jdbc.commits()).isEqualTo(before + 2);
    }

    /** A version-1 database (every job indexed by seq and by a possibly NULL idempotency key) is migrated with its jobs. */
    @Test
    void a_version_1_database_keeps_its_jobs_when_migrated() throws Exception {
        store.close();
        Path old = dir.resolve("v1.db");
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + old);
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            for (int seq = 1; seq <= 3; seq++) {
                String key = seq == 2 ? "'k-2'" : "NULL";
                String state = seq == 3 ? "'SUCCEEDED'" : "'QUEUED'";
                st.executeUpdate("INSERT INTO jobs (id, seq, name, user_name, project, state, gpus, milli_per_gpu, gpu_models, "
                        + "min_gpu_memory_mib, cpu_milli, memory_mib, node_labels, priority, preemptible, max_retries, attempt, spec_json, "
                        + "spec_hash, idempotency_key, reason_code, reason_message, submitted_at, started_at, finished_at, exit_code, "
                        + "exit_signal, estimated_seconds, version) VALUES ('j-" + seq + "', " + seq + ", 'old-" + seq + "', 'alice', "
                        + "'default', " + state + ", 2, 1000, 'H100', 0, 0, 0, '', 0, 0, 3, 1, '{\"command\":[\"x\"]}', '', " + key
                        + ", 'submitted', 'waiting', " + T0.toEpochMilli() + ", NULL, NULL, NULL, NULL, NULL, 1)");
                st.executeUpdate("INSERT INTO job_events (job_id, seq, at, from_state, to_state, code, message, node_id) VALUES ('j-"
                        + seq + "', 1, " + T0.toEpochMilli() + ", NULL, 'QUEUED', 'submitted', 'submitted by alice', NULL)");
            }
            st.executeUpdate("UPDATE counters SET next_value = 3 WHERE name = 'job'");
        }

        store = JdbcStore.sqlite(old);

        assertThat(store.job("j-1").orElseThrow().name()).isEqualTo("old-1");
        assertThat(store.job("j-3").orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(store.jobByIdempotencyKey("alice", "k-2").orElseThrow().id()).isEqualTo("j-2");
        assertThat(store.jobsInStates(Set.of(JobState.QUEUED))).extracting(JobRecord::id).containsExactly("j-1", "j-2");
        assertThat(store.events("j-2")).hasSize(1);
        assertThat(insert("bob").id()).isEqualTo("j-4");
        assertThat(store.insertJob(draft("alice", "k-2"), submitted()).created()).as("the key still finds the old job").isFalse();
    }

    /** The partial idempotency index serves the lookup (no scan of the jobs table), and ids are still unique. */
    @Test
    void idempotency_lookups_use_the_partial_index() throws Exception {
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("state.db"));
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT * FROM jobs WHERE user_name = 'a' AND idempotency_key = 'k'")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) plan.append(rs.getString("detail")).append('\n');
            assertThat(plan.toString()).contains("USING INDEX jobs_idempotency");
        }
        JobRecord a = insert("alice");
        insert("bob");
        assertThatThrownBy(() -> {
            try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE jobs SET id = '" + a.id() + "' WHERE seq <> " + a.seq());
            }
        }).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("UNIQUE");
    }
}
