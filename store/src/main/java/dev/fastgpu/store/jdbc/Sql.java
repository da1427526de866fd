package dev.fastgpu.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC helpers the store needs: bind parameters (Instant as epoch millis, enums by name), map rows. */
final class Sql {
    private Sql() {}

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, sql);
        try {
            bind(ps, params);
            return ps.executeUpdate();
        } finally {
            StatementCache.release(c, ps);
        }
    }

    /** Runs one statement for many parameter rows as a JDBC batch (one prepare, one round of execution). */
    static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        batchCounts(c, sql, rows);
    }

    /** Like {@link #batch}, returning the number of rows each parameter row changed. */
    static int[] batchCounts(Connection c, String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return new int[0];
        PreparedStatement ps = StatementCache.prepare(c, sql);
        try {
            for (Object[] params : rows) {
                bind(ps, params);
                ps.addBatch();
            }
            return ps.executeBatch();
        } finally {
            StatementCache.release(c, ps);
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement ps = StatementCache.prepare(c, sql);
        try {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } finally {
            StatementCache.release(c, ps);
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(c, sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    static long nextCounter(Connection c, String name, long count) throws SQLException {
        return one(c, "UPDATE counters SET next_value = next_value + ? WHERE name = ? RETURNING next_value",
                rs -> rs.getLong(1), count, name).orElseThrow(() -> new SQLException("missing counter " + name));
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int at = i + 1;
            switch (p) {
                case null -> ps.setNull(at, Types.NULL);
                case Instant t -> ps.setLong(at, t.toEpochMilli());
                case Enum<?> e -> ps.setString(at, e.name());
                case Boolean b -> ps.setInt(at, b ? 1 : 0);
                case Integer n -> ps.setInt(at, n);
                case Long n -> ps.setLong(at, n);
                case Double d -> ps.setDouble(at, d);
                case String s -> ps.setString(at, s);
                default -> throw new IllegalArgumentException("cannot bind " + p.getClass());
            }
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
