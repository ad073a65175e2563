package org.cardsync.backend.error;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognises a failure that means "the database cannot be reached right now", whatever layer wrapped it (Hibernate's
 * JDBCConnectionException, a PersistenceException, a transaction rollback, an authentication failure): PostgreSQL
 * restarting, stopped, out of reach, or out of resources (no connection slot left). Such a request is answered {@code 503 DATABASE_UNAVAILABLE} with Retry-After
 * (docs/api.md), never 500: the client may simply retry, and PostgreSQL's transaction rolled back whatever the request
 * had begun (an interrupted commit is the one case a client cannot tell; docs/reliability.md section 3).
 */
public final class DatabaseUnavailable {

    /** What a client is told to wait: PostgreSQL restarts in a few seconds, and the pool reconnects on next use. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * SQLState 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down);
     * class 08 (connection exception) is matched as a class.
     */
    private static final Set<String> OPERATOR_INTERVENTION = Set.of("57P01", "57P02", "57P03");

    private static final String CONNECTION_EXCEPTION = "08";

    /**
     * Class 53, insufficient resources: 53300 too_many_connections is what backend instances re-filling their pools
     * after a PostgreSQL restart (or other clients sharing the connection limit) get; 53000, 53100 disk_full,
     * 53200 out_of_memory and 53400 configuration_limit_exceeded are the server running short too. None is the
     * request's fault or a bug, the statement did nothing, and a later retry may pass: 503 with Retry-After, not 500.
     */
    private static final String INSUFFICIENT_RESOURCES = "53";

    private DatabaseUnavailable() {
    }

    /**
     * Whether {@code failure}, or anything among its causes and suppressed exceptions, says the database cannot be
     * reached. Suppressed ones count: a commit the server refused because it is shutting down reaches us as Narayana's
     * RollbackException with the driver's 57P01 only among its suppressed exceptions.
     */
    public static boolean causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toSee = new ArrayDeque<>(List.of(failure));
        while (!toSee.isEmpty()) {
            Throwable t = toSee.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql && isConnectionFailure(sql)) {
                return true;
            }
            if (t.getCause() != null) {
                toSee.push(t.getCause());
            }
            toSee.addAll(List.of(t.getSuppressed()));
        }
        return false;
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(INSUFFICIENT_RESOURCES)
                    || OPERATOR_INTERVENTION.contains(state);
        }
        // Agroal's "Acquisition timeout while waiting for new connection" carries no SQLState, only the timeout
        return e.getCause() instanceof TimeoutException;
    }
}
