package org.cardsync.backend.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A request that fails because PostgreSQL is down or restarting is answered 503 DATABASE_UNAVAILABLE with Retry-After,
 * however deep the driver's error is wrapped; any other failure stays a 500 (docs/api.md "Errors"). The e2e test
 * PostgresRestartTest shows the same on a real PostgreSQL stopped and started under load.
 */
class DatabaseUnavailableTest {

    private final ExceptionMappers mappers = new ExceptionMappers();

    @Test
    void refusedConnection_wrappedByHibernateAndJpa_is503WithRetryAfter() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        RuntimeException wrapped = new PersistenceException(new JDBCConnectionException("could not open", refused));

        Response response = mappers.unexpected(wrapped);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ApiError) response.getEntity()).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(((ApiError) response.getEntity()).message()).doesNotContain("PSQL", "127.0.0.1", "Exception");
        assertThat(Long.parseLong(response.getHeaderString("Retry-After"))).isPositive();
    }

    @Test
    void connectionLostMidTransaction_andServerShuttingDown_areUnavailable() {
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new PSQLException(
                "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)))).isTrue();
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("shutting down", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void commitRefusedByAServerShuttingDown_onlyAmongSuppressed_isUnavailable() {
        // as Narayana reports it: RollbackException, the driver's 57P01 inside a suppressed XAException
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new PSQLException("FATAL: terminating connection due to administrator command", PSQLState.CONNECTION_FAILURE));
        rollback.addSuppressed(xa);

        Response response = mappers.unexpected(new RuntimeException("Error invoking subclass method", rollback));

        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void tooManyConnections_andOtherInsufficientResources_are503() {
        // as PgJDBC reports a refused connection when max_connections is reached (several backends re-filling their
        // pools after a PostgreSQL restart), wrapped as Hibernate and JPA wrap a failed connection acquisition
        Response response = mappers.unexpected(new PersistenceException(new JDBCConnectionException("could not open",
                new SQLException("FATAL: sorry, too many clients already", "53300"))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ApiError) response.getEntity()).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
        assertThat(response.getHeaderString("Retry-After")).isNotNull();
        for (String state : new String[] {"53000", "53100", "53200", "53400"}) {
            assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("short of resources", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void poolAcquisitionTimeout_isUnavailable() {
        SQLException agroal = new SQLException("Acquisition timeout while waiting for new connection",
                new TimeoutException());
        assertThat(DatabaseUnavailable.causes(new PersistenceException(agroal))).isTrue();
    }

    @Test
    void userTableUnreadableAtSignIn_is503_notAWrongPassword() {
        AuthenticationFailedException failed = new AuthenticationFailedException(new PersistenceException(
                new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));

        Response response = mappers.authenticationFailed(failed);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ApiError) response.getEntity()).code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    }

    @Test
    void otherDatabaseErrors_stayInternalErrors() {
        // 23505 unique_violation, 40001 serialization_failure: the database answered; not an outage
        for (String state : new String[] {"23505", "40001", "57014"}) {
            Response response = mappers.unexpected(new PersistenceException(new SQLException("no", state)));
            assertThat(response.getStatus()).as(state).isEqualTo(500);
            assertThat(((ApiError) response.getEntity()).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        }
        assertThat(mappers.unexpected(new IllegalStateException("a bug")).getStatus()).isEqualTo(500);
    }
}
