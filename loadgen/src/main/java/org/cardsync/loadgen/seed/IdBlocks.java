package org.cardsync.loadgen.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reserves the ids a seeding run writes, before it writes any: each identity sequence (and the audit trail's pooled
 * sequence) is moved past the block, so the backend's own inserts, now or later, never take a seeded id.
 */
final class IdBlocks {
    /** Hibernate takes audit_event ids in blocks of this size around each value of audit_event_seq (V3). */
    private static final long AUDIT_ALLOCATION = 50;

    private IdBlocks() {
    }

    /** The first of {@code count} ids reserved in the identity column {@code table.id}. */
    static long identity(Connection c, String table, long count) throws SQLException {
        String sequence = single(c, "select pg_get_serial_sequence('" + table + "', 'id')");
        if (count == 0) {
            return 0;
        }
        long top = Long.parseLong(single(c, "select greatest((select coalesce(max(id), 0) from " + table + "),"
                + " (select last_value from " + sequence + "))"));
        setval(c, sequence, top + count);
        return top + 1;
    }

    /**
     * The first of {@code count} audit_event ids. Hibernate's pooled optimizer hands out the ids within one allocation
     * of the sequence value it drew, so the block starts two allocations above the value drawn here and the sequence
     * ends two allocations above the block.
     */
    static long audit(Connection c, long count) throws SQLException {
        long drawn = Long.parseLong(single(c, "select nextval('audit_event_seq')"));
        long first = drawn + 2 * AUDIT_ALLOCATION;
        setval(c, "audit_event_seq", first + count + 2 * AUDIT_ALLOCATION);
        return first;
    }

    private static void setval(Connection c, String sequence, long value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select setval(?::regclass, ?)")) {
            s.setString(1, sequence);
            s.setLong(2, value);
            s.executeQuery().close();
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
