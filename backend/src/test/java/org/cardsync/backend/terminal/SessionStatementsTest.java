package org.cardsync.backend.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.backend.testsupport.TestTerminal;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What one complete card session (REQUEST, a script of three CREDITs run on the real applet, ACK) costs the database,
 * counted by PostgreSQL itself (pg_stat_statements: every statement executed, a batched one once per row set it was
 * bound to; BEGIN is listed, COMMIT is not). docs/performance.md ("Where the time goes") quotes the figure. The bound
 * is the measured 17 plus one: a change that adds a statement to each message (a per-row round trip, a flush-before-query
 * split) fails here. The count takes in the whole database, so the slack (20 statements over the window) is for
 * background work that may fall into it (the challenge purge, at most once a minute).
 */
@QuarkusTest
class SessionStatementsTest {
    private static final Logger LOG = Logger.getLogger(SessionStatementsTest.class);
    private static final int SESSIONS = 20;
    private static final String QUEUE = "/* statement-count set-up */ insert into action (application_id, type, payload, state, position, attempts,"
            + " merit_failures, cancel_requested, requested_by, created_at, updated_at) select ?, 'CREDIT', '00000001',"
            + " 'QUEUED', coalesce(max(position), 0) + 1, 0, 0, false, 'test', now(), now() from action"
            + " where application_id = ?";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void cleanSession_ofThreeActions_staysWithinItsStatementBudget() throws SQLException {
        TestTerminal t = TestTerminal.issue("bob");
        queueCredits(t.applicationId, 3);
        t.cleanSession(); // the first session warms the pools and the sequences' caches
        resetStatistics();

        for (int i = 0; i < SESSIONS; i++) {
            // three at a time, so that every script carries three whatever cardsync.scripts.max-actions says
            queueCredits(t.applicationId, 3);
            assertThat(t.cleanSession()).isEqualTo(3);
        }

        List<String> lines = new ArrayList<>();
        long statements = countStatements(lines);
        double perSession = statements / (double) SESSIONS;
        LOG.infof("statements per session (REQUEST + 3 actions + ACK): %.1f%n%s", perSession, String.join("\n", lines));
        assertThat(t.state().ca()).isEqualTo(3L * (SESSIONS + 1));
        assertThat(perSession).as(String.join("\n", lines)).isLessThanOrEqualTo(18);
    }

    /** Set-up, not counted (its statement text is left out of the count). */
    private void queueCredits(long applicationId, int n) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(QUEUE)) {
            for (int i = 0; i < n; i++) {
                ps.setLong(1, applicationId);
                ps.setLong(2, applicationId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void resetStatistics() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements this database ran since the reset, but this test's own; one line per statement text. */
    private long countStatements(List<String> lines) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select calls, query from pg_stat_statements where dbid = (select oid from"
                     + " pg_database where datname = current_database()) and query not like '%pg_stat_statements%'"
                     + " and query not like '%statement-count%'"
                     + " order by calls desc")) {
            long total = 0;
            while (r.next()) {
                total += r.getLong(1);
                lines.add(String.format("%6d  %s", r.getLong(1), r.getString(2).replaceAll("\\s+", " ")));
            }
            return total;
        }
    }
}
