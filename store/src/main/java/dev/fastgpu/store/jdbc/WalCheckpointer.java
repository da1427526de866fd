package dev.fastgpu.store.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import java.util.function.LongSupplier;

/**
 * Copies SQLite's write-ahead log into the database file from a thread of its own, so that no
 * commit pays for it. SQLite would otherwise run this checkpoint inside whichever commit found
 * the log over 1000 pages: that commit then writes hundreds of pages and syncs the database file
 * before it returns, which is the long tail of submission latency. The writer connection turns
 * automatic checkpoints off; every {@value #PERIOD_MS} ms after new commits this thread runs a
 * PASSIVE checkpoint, which never blocks writers or readers. Durability does not change: a commit
 * is synced in the log before it returns, with or without this.
 *
 * <p>SQLite starts the log over only when a write begins after a checkpoint that copied all of it;
 * under a steady stream of commits a checkpoint that runs beside them never does, so once the log
 * holds more than {@value #RESTART_FRAMES} pages one checkpoint runs under the store's write lock
 * (it has little left to copy: the earlier ones did that) and the next write starts the log over.
 */
final class WalCheckpointer implements AutoCloseable {
    static final int PERIOD_MS = 50;
    static final int RESTART_FRAMES = 8000;
    private final DataSource dataSource;
    private final LongSupplier commits;
    private final Lock writeLock;
    private final Thread thread;
    private volatile boolean closed;

    WalCheckpointer(DataSource dataSource, LongSupplier commits, Lock writeLock) {
        this.dataSource = dataSource;
        this.commits = commits;
        this.writeLock = writeLock;
        this.thread = Thread.ofPlatform().name("fastgpu-wal-checkpoint").daemon().start(this::run);
    }

    /** Turns off the checkpoint SQLite runs inside a commit, on the connection that commits. */
    static void disableAutomatic(Connection writer) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = 0");
        }
    }

    private void run() {
        long done = commits.getAsLong();
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                break;
            }
            long now = commits.getAsLong();
            if (now == done) continue;
            try (Connection c = dataSource.getConnection()) {
                if (checkpoint(c) > RESTART_FRAMES) {
                    writeLock.lock();
                    try {
                        checkpoint(c);
                    } finally {
                        writeLock.unlock();
                    }
                }
                done = now;
            } catch (SQLException e) {
                // busy or closing: the next round tries again
            }
        }
    }

    /** Runs a PASSIVE checkpoint; returns the pages in the log. */
    private static long checkpoint(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
