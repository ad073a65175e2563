package org.cardsync.backend.sql;

import jakarta.persistence.PersistenceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * The few conversions the message path's plain SQL needs (nullable numbers, instants as timestamptz, one array per
 * column for a multi-row statement), so that each statement reads as its SQL. A failure keeps its SQLException as the
 * cause: an unreachable database is still answered 503 DATABASE_UNAVAILABLE (error/DatabaseUnavailable).
 */
public final class Rows {
    private Rows() {
    }

    public static PersistenceException failed(String what, SQLException e) {
        return new PersistenceException("could not " + what, e);
    }

    public static Long getLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    public static Instant getInstant(ResultSet r, int column) throws SQLException {
        OffsetDateTime at = r.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    public static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        ps.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    /** One column of a multi-row statement ({@code unnest(?::bigint[], …)}): the rows' values, in order. */
    public static <T> Array longs(Connection c, List<T> rows, Function<T, ? extends Number> column) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(row -> {
            Number n = column.apply(row);
            return n == null ? null : n.longValue();
        }).toArray(Long[]::new));
    }

    /** A text column; instants go as ISO-8601 text and are cast in the statement ({@code ::timestamptz}). */
    public static <T> Array texts(Connection c, List<T> rows, Function<T, ?> column) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(row -> {
            Object value = column.apply(row);
            return value == null ? null : value.toString();
        }).toArray(String[]::new));
    }
}
