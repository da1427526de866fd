package dev.fastgpu.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept open on the store's one writer connection, so a write does not parse
 * its SQL again (SQLite prepares are a good part of a small transaction's cost). Only the writer
 * connection has a cache, and it is used under the store's write lock, one thread at a time;
 * every other connection prepares and closes as usual.
 */
final class StatementCache implements AutoCloseable {
    private static final Map<Connection, StatementCache> CACHED = new ConcurrentHashMap<>();
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** Starts caching the statements of {@code c}; close the cache before the connection. */
    static StatementCache on(Connection c) {
        StatementCache cache = new StatementCache(c);
        CACHED.put(c, cache);
        return cache;
    }

    /** A statement for {@code sql} on {@code c}: the cached one on the writer, a new one elsewhere. Hand it back with {@link #release}. */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        StatementCache cache = CACHED.get(c);
        if (cache == null) return c.prepareStatement(sql);
        PreparedStatement ps = cache.statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            cache.statements.put(sql, ps);
        }
        return ps;
    }

    /** Closes a statement of an uncached connection; resets a cached one for its next use. */
    static void release(Connection c, PreparedStatement ps) throws SQLException {
        if (CACHED.containsKey(c)) {
            ps.clearParameters();
        } else {
            ps.close();
        }
    }

    @Override
    public void close() {
        CACHED.remove(connection);
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is being closed anyway
            }
        }
        statements.clear();
    }
}
