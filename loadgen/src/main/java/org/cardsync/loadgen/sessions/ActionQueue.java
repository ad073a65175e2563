package org.cardsync.loadgen.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.cardsync.loadgen.DatabaseOptions;

/**
 * Queues the CREDITs the measured sessions will run, straight into the action table, one statement per card, before
 * anything is measured: the operator API would queue them one by one (and the run is about the terminal path).
 * The rows are those the operator API writes for a CREDIT of 1 (payload 00000001), positions 1..n of a fresh
 * application, as the backend's in-JVM SessionThroughputBench did.
 */
final class ActionQueue {
    private static final String QUEUE_CREDITS = """
            insert into action (application_id, type, payload, state, position, attempts, merit_failures,
                                cancel_requested, requested_by, created_at, updated_at)
            select ?, 'CREDIT', '00000001', 'QUEUED', g, 0, 0, false, 'loadgen', now(), now()
            from generate_series(1, ?) g""";

    private ActionQueue() {
    }

    static void queueCredits(DatabaseOptions database, Iterable<Long> applicationIds, int perApplication)
            throws SQLException {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(QUEUE_CREDITS)) {
            c.setAutoCommit(false);
            for (long applicationId : applicationIds) {
                insert.setLong(1, applicationId);
                insert.setInt(2, perApplication);
                insert.executeUpdate();
            }
            c.commit();
        }
    }
}
