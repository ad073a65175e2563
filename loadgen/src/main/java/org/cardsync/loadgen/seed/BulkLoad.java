package org.cardsync.loadgen.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's advice for populating a database ("Populating a Database" in its manual): a table that is to receive
 * more rows than it holds loses its secondary indexes and its foreign keys for the load, and gets them back, each built
 * or checked once over the whole table, at its end: much cheaper than maintaining three trigram GIN indexes and
 * checking a foreign key row by row a million times. Both happen in the seed's transaction, so that a failed load
 * leaves the schema as it was; the definitions are read from the catalog and given back as they were, names included.
 * Indexes that back a constraint (primary keys, unique constraints) stay: they are what other tables' keys point at.
 */
final class BulkLoad {
    private final Connection c;
    private final List<String> restore = new ArrayList<>();

    BulkLoad(Connection c) {
        this.c = c;
    }

    /** Drops the table's secondary indexes and foreign keys if it is about to receive more rows than it holds. */
    void prepare(String table, long adding) throws SQLException {
        if (adding <= estimatedRows(table)) {
            return;
        }
        List<String> drop = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = ?::regclass and contype = 'f' order by conname""")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    drop.add("alter table " + table + " drop constraint " + r.getString(1));
                    restore.add("alter table " + table + " add constraint " + r.getString(1) + " " + r.getString(2));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
                where i.indrelid = ?::regclass
                  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
                order by 1""")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    drop.add("drop index " + r.getString(1));
                    restore.add(r.getString(2));
                }
            }
        }
        execute(drop);
    }

    /** Builds the dropped indexes and checks the dropped foreign keys again, as they were. */
    void restore() throws SQLException {
        execute(restore);
        restore.clear();
    }

    private long estimatedRows(String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select greatest(reltuples, 0)::bigint from pg_class"
                + " where oid = ?::regclass")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private void execute(List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
