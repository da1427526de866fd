package dev.fastgpu.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fastgpu.model.JobState;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.ConflictException;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.InsertResult;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobFilter;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.LogChunkRecord;
import dev.fastgpu.store.NewJob;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.QueueTail;
import dev.fastgpu.store.Store;
import dev.fastgpu.store.StoreException;
import dev.fastgpu.store.TokenKind;
import dev.fastgpu.store.TokenRecord;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The {@link Store} on a JDBC database, SQLite by default. Writes run in one transaction each and
 * are serialised by a lock inside the process (SQLite has one writer anyway; this avoids busy
 * retries); reads run concurrently thanks to WAL. Unfinished jobs, the nodes and the allocations in
 * force are also kept in memory ({@link ActiveJobs}, {@link LiveRows}, updated under the write lock
 * after each commit), so what the scheduling loop reads on every pass decodes no rows.
 */
public final class JdbcStore implements Store {
    private static final String EVENT_INSERT =
            "INSERT INTO job_events (job_id, seq, at, from_state, to_state, code, message, node_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * The positions in {@link Rows#JOB_COLUMNS} of the columns a job write sets: all but the key
     * (id, seq) and the spec (spec_json, spec_hash), which is fixed at submission and which the
     * records the scheduler works from do not carry ({@link JobRecord#withoutSpec()}).
     */
    private static final int[] UPDATED_COLUMNS = updatedColumns();
    private static final String JOB_UPDATE = jobUpdateSql();
    private final HikariDataSource dataSource;
    /** Fair, so a long series of writes (a scheduling pass) cannot keep submissions waiting. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final AtomicLong commits = new AtomicLong();
    /** Writes waiting for the next transaction (see {@link #write(Work, java.util.function.Consumer)}). */
    private final java.util.concurrent.ConcurrentLinkedQueue<QueuedWrite<?>> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ActiveJobs active = new ActiveJobs();
    private final LiveRows liveRows = new LiveRows();
    /** The connection every write uses (guarded by the write lock), with its statement cache. */
    private Connection writer;
    private StatementCache writerStatements;
    /** SQLite only: checkpoints the log off the commit path (set before the first write). */
    private volatile WalCheckpointer checkpointer;

    private JdbcStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        Object[] open = java.util.Arrays.stream(JobState.values()).filter(st -> !st.isTerminal()).map(Enum::name).toArray();
        active.load(read(c -> Sql.query(c, "SELECT * FROM jobs WHERE state IN (" + marks(open.length) + ") ORDER BY seq", Rows::job, open)));
        liveRows.load(read(c -> Sql.query(c, "SELECT * FROM nodes ORDER BY id", Rows::node)),
                read(c -> Sql.query(c, "SELECT * FROM allocations WHERE state IN ('ACTIVE', 'RELEASING') ORDER BY id", Rows::allocation)));
    }

    /**
     * Opens (creating if needed) the SQLite database at {@code file} and migrates its schema.
     * Pragmas: WAL journal, synchronous=FULL (a committed write survives power loss), busy_timeout 5 s,
     * no generated-key retrieval;
     * the log is checkpointed by a thread of its own ({@link WalCheckpointer}), not inside commits.
     */
    public static JdbcStore sqlite(Path file) {
        Properties pragmas = new Properties();
        pragmas.setProperty("journal_mode", "WAL");
        pragmas.setProperty("synchronous", "FULL");
        pragmas.setProperty("busy_timeout", "5000");
        pragmas.setProperty("foreign_keys", "true");
        // The driver otherwise runs a regular expression over every INSERT to fetch generated keys; the store never asks for them.
        pragmas.setProperty("jdbc.get_generated_keys", "false");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        cfg.setDataSourceProperties(pragmas);
        cfg.setMaximumPoolSize(5); // one is held by the writer
        cfg.setPoolName("fastgpu-sqlite");
        JdbcStore store = open(new HikariDataSource(cfg));
        store.checkpointer = new WalCheckpointer(store.dataSource, store::commits, store.writeLock);
        return store;
    }

    /** Migrates and wraps any data source (PostgreSQL later: same SQL, same migrations). */
    public static JdbcStore open(HikariDataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return new JdbcStore(ds);
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    <T> T write(Work<T> work) {
        return write(work, result -> { });
    }

    /**
     * Runs {@code work} in a transaction; {@code afterCommit} runs once it is committed, still under
     * the write lock. Writes that queue up while another transaction is syncing share the next one
     * (group commit): the thread that gets the lock runs every queued write, each in a savepoint of
     * its own (a write that fails is rolled back alone and its caller gets its exception), and commits
     * once — one sync for all of them. Every caller returns only after the commit that holds its write.
     * All writes share one connection whose prepared statements stay open ({@link StatementCache});
     * after a database error it is closed and the next write opens a fresh one.
     */
    <T> T write(Work<T> work, java.util.function.Consumer<T> afterCommit) {
        QueuedWrite<T> mine = new QueuedWrite<>(work, afterCommit);
        queued.add(mine);
        writeLock.lock();
        try {
            if (!mine.done) runQueued(); // a write queued by this thread is either done or still queued
        } finally {
            writeLock.unlock();
        }
        return mine.outcome();
    }

    /** How many writes wait for the next transaction (tests). */
    int queuedWrites() {
        return queued.size();
    }

    /** A write waiting for a transaction, and what became of it. Fields are guarded by the write lock. */
    private static final class QueuedWrite<T> {
        final Work<T> work;
        final java.util.function.Consumer<T> afterCommit;
        boolean done;
        T result;
        Exception failure;

        QueuedWrite(Work<T> work, java.util.function.Consumer<T> afterCommit) {
            this.work = work;
            this.afterCommit = afterCommit;
        }

        void run(Connection c, boolean alone) throws SQLException {
            if (alone) {
                result = work.run(c);
                return;
            }
            java.sql.Savepoint sp = c.setSavepoint();
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                c.rollback(sp); // a failure here fails the whole transaction
                failure = e;
            }
            c.releaseSavepoint(sp);
        }

        T outcome() {
            if (failure instanceof RuntimeException e) throw e;
            if (failure != null) throw new StoreException("database write failed: " + failure.getMessage(), failure);
            return result;
        }
    }

    /** Runs every queued write in one transaction and commits it. Under the write lock. */
    private void runQueued() {
        List<QueuedWrite<?>> batch = new ArrayList<>();
        for (QueuedWrite<?> w; (w = queued.poll()) != null; ) batch.add(w);
        if (batch.isEmpty()) return;
        boolean alone = batch.size() == 1;
        try {
            try {
                Connection c = writer();
                c.setAutoCommit(false);
                try {
                    for (QueuedWrite<?> w : batch) w.run(c, alone);
                    c.commit();
                    commits.incrementAndGet();
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException rollbackFailed) {
                        e.addSuppressed(rollbackFailed);
                    }
                    if (e instanceof SQLException) closeWriter();
                    for (QueuedWrite<?> w : batch) w.failure = e;
                } finally {
                    if (writer != null) c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                closeWriter();
                for (QueuedWrite<?> w : batch) if (w.failure == null) w.failure = e;
            }
            for (QueuedWrite<?> w : batch) if (w.failure == null) afterCommit(w);
        } catch (Error e) { // (out of memory, ...): the others must not wait for a transaction that never came
            for (QueuedWrite<?> w : batch) if (w.failure == null) w.failure = new StoreException("write aborted: " + e, e);
            throw e;
        } finally {
            for (QueuedWrite<?> w : batch) w.done = true;
        }
    }

    private static <T> void afterCommit(QueuedWrite<T> w) {
        try {
            w.afterCommit.accept(w.result);
        } catch (RuntimeException e) {
            w.failure = e;
        }
    }

    /** The writer connection, opened on first use or after an error. Under the write lock. */
    private Connection writer() throws SQLException {
        if (writer == null) {
            writer = dataSource.getConnection();
            if (checkpointer != null) WalCheckpointer.disableAutomatic(writer);
            writerStatements = StatementCache.on(writer);
        }
        return writer;
    }

    private void closeWriter() {
        if (writer == null) return;
        writerStatements.close();
        try {
            writer.close();
        } catch (SQLException ignored) {
            // broken already; the pool drops it
        }
        writer = null;
    }

    // ---- users, projects, tokens ----

    @Override
    public void ensureUser(String name) {
        write(c -> Sql.update(c, "INSERT INTO users (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, Instant.now()));
    }

    @Override
    public void ensureProject(String name) {
        write(c -> Sql.update(c, "INSERT INTO projects (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, Instant.now()));
    }

    @Override
    public boolean userExists(String name) {
        return read(c -> Sql.one(c, "SELECT 1 FROM users WHERE name = ?", rs -> 1, name).isPresent());
    }

    @Override
    public boolean projectExists(String name) {
        return read(c -> Sql.one(c, "SELECT 1 FROM projects WHERE name = ?", rs -> 1, name).isPresent());
    }

    @Override
    public void insertToken(TokenRecord t) {
        write(c -> Sql.update(c, "INSERT INTO tokens (hash, kind, user_name, node_id, created_at) VALUES (?, ?, ?, ?, ?)",
                t.hash(), t.kind(), t.user(), t.nodeId(), t.createdAt()));
    }

    @Override
    public Optional<TokenRecord> tokenByHash(String hash) {
        return read(c -> Sql.one(c, "SELECT * FROM tokens WHERE hash = ?", Rows::token, hash));
    }

    @Override
    public int countTokens(TokenKind kind) {
        return read(c -> Sql.one(c, "SELECT COUNT(*) FROM tokens WHERE kind = ?", rs -> rs.getInt(1), kind).orElse(0));
    }

    // ---- jobs ----

    @Override
    public List<InsertResult> insertJobs(List<NewJob> batch) {
        if (batch.isEmpty()) return List.of();
        return write(c -> {
            InsertResult[] out = new InsertResult[batch.size()];
            Map<String, Integer> firstUse = new HashMap<>();
            int fresh = 0;
            for (int i = 0; i < batch.size(); i++) {
                JobRecord d = batch.get(i).draft();
                if (d.idempotencyKey() != null) {
                    Integer first = firstUse.putIfAbsent(d.user() + "\u0000" + d.idempotencyKey(), i);
                    if (first != null) continue; // filled in below from the first use
                    Optional<JobRecord> earlier = jobByKey(c, d.user(), d.idempotencyKey());
                    if (earlier.isPresent()) {
                        out[i] = new InsertResult(earlier.get(), false);
                        continue;
                    }
                }
                fresh++;
            }
            long seq = fresh == 0 ? 0 : Sql.nextCounter(c, "job", fresh) - fresh;
            List<Object[]> jobRows = new ArrayList<>(fresh);
            List<Object[]> eventRows = new ArrayList<>(fresh);
            for (int i = 0; i < batch.size(); i++) {
                NewJob n = batch.get(i);
                JobRecord d = n.draft();
                Integer first = d.idempotencyKey() == null ? null : firstUse.get(d.user() + "\u0000" + d.idempotencyKey());
                if (first != null && first != i) {
                    out[i] = new InsertResult(out[first].job(), false);
                    continue;
                }
                if (out[i] != null) continue;
                seq++;
                JobRecord job = d.withIdentity("j-" + seq, seq, 1);
                jobRows.add(Rows.jobValues(job));
                JobEvent e = n.submitted();
                // a new job has no events yet, so its submission event is the first
                eventRows.add(new Object[]{job.id(), 1L, e.at(), e.from(), e.to(), e.code(), e.message(), e.nodeId()});
                out[i] = new InsertResult(job, true);
            }
            Sql.batch(c, "INSERT INTO jobs (" + Rows.JOB_COLUMNS + ") VALUES (" + marks(29) + ")", jobRows);
            Sql.batch(c, EVENT_INSERT, eventRows);
            return List.of(out);
        }, active::inserted);
    }

    private static Optional<JobRecord> jobByKey(Connection c, String user, String key) throws SQLException {
        return Sql.one(c, "SELECT * FROM jobs WHERE user_name = ? AND idempotency_key = ?", Rows::job, user, key);
    }

    @Override
    public Optional<JobRecord> job(String id) {
        return read(c -> Sql.one(c, "SELECT * FROM jobs WHERE id = ?", Rows::job, id));
    }

    @Override
    public Optional<JobRecord> jobByIdempotencyKey(String user, String key) {
        return read(c -> jobByKey(c, user, key));
    }

    @Override
    public List<JobRecord> listJobs(JobFilter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM jobs WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (!f.states().isEmpty()) {
            sql.append(" AND state IN (").append(marks(f.states().size())).append(")");
            f.states().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (f.user() != null) { sql.append(" AND user_name = ?"); params.add(f.user()); }
        if (f.name() != null) { sql.append(" AND name = ?"); params.add(f.name()); }
        if (f.project() != null) { sql.append(" AND project = ?"); params.add(f.project()); }
        if (f.beforeSeq() > 0) { sql.append(" AND seq < ?"); params.add(f.beforeSeq()); }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(f.limit());
        return read(c -> Sql.query(c, sql.toString(), Rows::job, params.toArray()));
    }

    @Override
    public List<JobRecord> jobsInStates(Set<JobState> states) {
        if (states.isEmpty()) return List.of();
        if (ActiveJobs.covers(states)) return active.inStates(states);
        Object[] names = states.stream().map(Enum::name).sorted().toArray();
        return read(c -> Sql.query(c, "SELECT * FROM jobs WHERE state IN (" + marks(names.length) + ") ORDER BY seq",
                rs -> Rows.job(rs).withoutSpec(), names));
    }

    @Override
    public QueueTail queueTail(long afterSeq) {
        return active.queueTail(afterSeq);
    }

    @Override
    public List<JobEvent> events(String jobId) {
        return read(c -> Sql.query(c, "SELECT * FROM job_events WHERE job_id = ? ORDER BY seq", Rows::event, jobId));
    }

    @Override
    public void commit(Change change) {
        if (change.isEmpty()) return;
        List<Change.JobWrite> jobWrites = change.jobs();
        write(c -> {
            updateJobs(c, jobWrites);
            for (JobEvent e : change.events()) insertEvent(c, e);
            for (AllocationRecord a : change.allocations()) upsertAllocation(c, a);
            return null;
        }, done -> {
            active.written(jobWrites);
            liveRows.allocationsWritten(change.allocations());
        });
    }

    /** All job writes of a change as one JDBC batch, each checked by its expected version. */
    private static void updateJobs(Connection c, List<Change.JobWrite> writes) throws SQLException {
        if (writes.isEmpty()) return;
        List<Object[]> rows = new ArrayList<>(writes.size());
        for (Change.JobWrite w : writes) {
            JobRecord j = w.job();
            Object[] all = Rows.jobValues(j.withIdentity(j.id(), j.seq(), w.expectedVersion() + 1));
            // the columns a write sets, then the key and the expected version
            Object[] params = new Object[UPDATED_COLUMNS.length + 2];
            for (int i = 0; i < UPDATED_COLUMNS.length; i++) params[i] = all[UPDATED_COLUMNS[i]];
            params[UPDATED_COLUMNS.length] = j.id();
            params[UPDATED_COLUMNS.length + 1] = w.expectedVersion();
            rows.add(params);
        }
        int[] counts = Sql.batchCounts(c, JOB_UPDATE, rows);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) continue;
            JobRecord j = writes.get(i).job();
            long actual = Sql.one(c, "SELECT version FROM jobs WHERE id = ?", rs -> rs.getLong(1), j.id()).orElse(-1L);
            throw new ConflictException(actual < 0 ? "job " + j.id() + " does not exist"
                    : "job " + j.id() + " is at version " + actual + ", the change expected " + writes.get(i).expectedVersion());
        }
    }

    private static int[] updatedColumns() {
        String[] cols = Rows.JOB_COLUMNS.split(",\\s*");
        Set<String> fixed = Set.of("id", "seq", "spec_json", "spec_hash");
        return java.util.stream.IntStream.range(0, cols.length).filter(i -> !fixed.contains(cols[i])).toArray();
    }

    private static String jobUpdateSql() {
        StringJoiner set = new StringJoiner(", ");
        String[] cols = Rows.JOB_COLUMNS.split(",\\s*");
        for (int i : UPDATED_COLUMNS) set.add(cols[i] + " = ?");
        return "UPDATE jobs SET " + set + " WHERE id = ? AND version = ?";
    }

    private static void insertEvent(Connection c, JobEvent e) throws SQLException {
        long seq = Sql.one(c, "SELECT COALESCE(MAX(seq), 0) + 1 FROM job_events WHERE job_id = ?", rs -> rs.getLong(1), e.jobId()).orElseThrow();
        Sql.update(c, EVENT_INSERT, e.jobId(), seq, e.at(), e.from(), e.to(), e.code(), e.message(), e.nodeId());
    }

    private static void upsertAllocation(Connection c, AllocationRecord a) throws SQLException {
        Sql.update(c, "INSERT INTO allocations (id, job_id, node_id, attempt, gpu_indices, gpu_model, milli_per_gpu, cpu_milli, "
                        + "memory_mib, state, created_at, started_at, released_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET state = excluded.state, started_at = excluded.started_at, "
                        + "released_at = excluded.released_at",
                a.id(), a.jobId(), a.nodeId(), a.attempt(), Codec.ints(a.gpuIndices()), a.gpuModel(), a.milliPerGpu(),
                a.cpuMilli(), a.memoryMib(), a.state(), a.createdAt(), a.startedAt(), a.releasedAt());
    }

    // ---- allocations ----

    @Override
    public Optional<AllocationRecord> allocation(String id) {
        return read(c -> Sql.one(c, "SELECT * FROM allocations WHERE id = ?", Rows::allocation, id));
    }

    @Override
    public List<AllocationRecord> allocationsOfJob(String jobId) {
        return read(c -> Sql.query(c, "SELECT * FROM allocations WHERE job_id = ? ORDER BY created_at DESC, id DESC", Rows::allocation, jobId));
    }

    @Override
    public List<AllocationRecord> liveAllocations() {
        return liveRows.live();
    }

    // ---- nodes ----

    @Override
    public void putNode(NodeRecord n) {
        write(c -> Sql.update(c, "INSERT INTO nodes (id, hostname, state, drained, gpus, cpu_milli, memory_mib, labels, joined_at, "
                        + "last_heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        + "hostname = excluded.hostname, state = excluded.state, drained = excluded.drained, gpus = excluded.gpus, "
                        + "cpu_milli = excluded.cpu_milli, memory_mib = excluded.memory_mib, labels = excluded.labels, "
                        + "joined_at = excluded.joined_at, last_heartbeat_at = excluded.last_heartbeat_at",
                n.id(), n.hostname(), n.state(), n.drained(), Codec.gpus(n.gpus()), n.cpuMilli(), n.memoryMib(),
                Codec.labels(n.labels()), n.joinedAt(), n.lastHeartbeatAt()), done -> liveRows.nodeWritten(n));
    }

    @Override
    public Optional<NodeRecord> updateNode(String id, UnaryOperator<NodeRecord> change) {
        writeLock.lock(); // every node write takes it, so nothing changes the node between the read and the write
        try {
            Optional<NodeRecord> current = liveRows.node(id);
            if (current.isEmpty()) return current;
            NodeRecord next = change.apply(current.get());
            if (next != current.get()) putNode(next);
            return Optional.of(next);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<NodeRecord> node(String id) {
        return liveRows.node(id);
    }

    @Override
    public List<NodeRecord> nodes() {
        return liveRows.nodes();
    }

    // ---- logs and samples ----

    @Override
    public int appendLogs(List<LogChunkRecord> chunks) {
        if (chunks.isEmpty()) return 0;
        return write(c -> {
            long last = Sql.nextCounter(c, "log", chunks.size());
            long cursor = last - chunks.size();
            int added = 0;
            for (LogChunkRecord ch : chunks) {
                added += Sql.update(c, "INSERT INTO log_chunks (job_id, allocation_id, seq, stream, data, log_cursor) "
                                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (allocation_id, seq) DO NOTHING",
                        ch.jobId(), ch.allocationId(), ch.seq(), ch.stream(), ch.data(), ++cursor);
            }
            return added;
        });
    }

    @Override
    public List<LogChunkRecord> logs(String jobId, long afterCursor, int limit) {
        return read(c -> Sql.query(c, "SELECT * FROM log_chunks WHERE job_id = ? AND log_cursor > ? ORDER BY log_cursor LIMIT ?",
                Rows::logChunk, jobId, afterCursor, limit));
    }

    @Override
    public void appendSamples(List<GpuSampleRecord> samples) {
        if (samples.isEmpty()) return;
        write(c -> {
            for (GpuSampleRecord s : samples) {
                Sql.update(c, "INSERT INTO gpu_samples (job_id, allocation_id, at, gpu_index, util_percent, memory_used_mib, power_watts) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        s.jobId(), s.allocationId(), s.at(), s.gpuIndex(), s.utilPercent(), s.memoryUsedMib(), s.powerWatts());
            }
            return null;
        });
    }

    @Override
    public List<GpuSampleRecord> samples(String jobId) {
        return read(c -> Sql.query(c, "SELECT * FROM gpu_samples WHERE job_id = ? ORDER BY at", Rows::sample, jobId));
    }

    /** Write transactions committed since this store was opened; with synchronous=FULL each one is a sync to disk. */
    public long commits() {
        return commits.get();
    }

    /** A pragma's current value (tests check WAL and synchronous). */
    public String pragma(String name) {
        if (!name.matches("[a-z_]+")) throw new IllegalArgumentException("bad pragma name " + name);
        return read(c -> Sql.one(c, "PRAGMA " + name, rs -> rs.getString(1)).orElse(null));
    }

    @Override
    public void close() {
        if (checkpointer != null) checkpointer.close();
        writeLock.lock();
        try {
            closeWriter();
        } finally {
            writeLock.unlock();
        }
        dataSource.close();
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
