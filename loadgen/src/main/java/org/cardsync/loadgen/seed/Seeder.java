package org.cardsync.loadgen.seed;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Brings a database to a number of card applications: migrates it, counts what is there, and adds the rest in one
 * transaction of COPYs (so a failed run leaves nothing behind and a re-run on a seeded database adds nothing), then
 * VACUUM ANALYZE, so that the planner and the visibility map know the new rows as they would on a live database.
 */
public final class Seeder {
    /** Where the run stands, for the command's progress lines. */
    public record Outcome(int migrations, long existing, long added, int longHistories, int shortHistories, long rows,
                          double copySeconds,
                          double vacuumSeconds) {
    }

    /** What to seed. */
    public record Request(String url, String user, String password, long applications, int longHistories,
                          int historySessions, int shortHistoryPercent, int shortHistorySessions, int keyVersion) {
    }

    private static final String[] TABLES = {"user_account", "card", "card_application", "script", "action",
        "audit_event", "alert"};

    private Seeder() {
    }

    public static Outcome seed(Request request, Consumer<String> progress) throws SQLException {
        int migrations = Schema.migrate(request.url(), request.user(), request.password());
        try (Connection c = DriverManager.getConnection(request.url(), request.user(), request.password())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // a bulk load: its commit may wait for the WAL flush of the whole transaction only once, at the end
                s.execute("set local synchronous_commit = off");
                // the indexes BulkLoad builds again sort in memory rather than in temporary files
                s.execute("set local maintenance_work_mem = '256MB'");
                // two seeds at once would both count the same rows and both add the rest: the second waits here
                s.execute("lock table card_application in share row exclusive mode");
            }
            long existing = single(c, "select count(*) from card_application");
            if (existing >= request.applications()) {
                c.rollback();
                return new Outcome(migrations, existing, 0, 0, 0, 0, 0, 0);
            }
            long firstCustomer = single(c, "select coalesce(max(substr(username, 5)::bigint), 0) + 1 from user_account"
                    + " where username ~ '^cust[0-9]{1,18}$'");
            // the long histories go to the first run only: a later run that grows the database keeps them as they are
            int longHistories = firstCustomer == 1 ? request.longHistories() : 0;
            // the short ones grow with the applications: every run gives the same share of its own a short history
            long toAdd = request.applications() - existing;
            if (toAdd > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " applications per run");
            }
            SeedPlan plan = new SeedPlan(firstCustomer, (int) toAdd, longHistories, request.historySessions(),
                    request.shortHistoryPercent(), request.shortHistorySessions());
            progress.accept("seeding " + plan);
            long start = System.nanoTime();
            long rows = new SeedTables(c, plan, request.keyVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS))
                    .writeAll(progress);
            c.commit();
            double copySeconds = (System.nanoTime() - start) / 1e9;
            progress.accept(String.format(java.util.Locale.ROOT, "%d rows copied in %.1f s; VACUUM ANALYZE...", rows,
                    copySeconds));
            start = System.nanoTime();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    s.execute("vacuum (analyze) " + table);
                }
            }
            return new Outcome(migrations, existing, toAdd, plan.longHistories, plan.shortHistories, rows, copySeconds,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
