package org.cardsync.backend.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Every {@code @QuarkusTest} runs on a real PostgreSQL 17 server (zonky's embedded binaries, no Docker):
 * one server for the whole test JVM, and a fresh database each time Quarkus starts the application (once
 * per test profile), so that profiles never see each other's rows.
 *
 * <p>The server keeps zonky's test settings (fsync and synchronous_commit off): a crash of the test JVM
 * loses nothing anyone needs. The durable server the run command uses is dev-postgres's, and e2e's
 * crash-recovery tests check that one.
 */
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {
    /*
     * Quarkus may load this class once per application start, in a new class loader each time, so a static
     * field would not be shared: the server's port is kept in a system property instead, and zonky's
     * shutdown hook stops the server when the JVM exits.
     */
    private static final String PORT_PROPERTY = "cardsync.test.postgres.port";
    private static final String DATABASE_COUNTER = "cardsync.test.postgres.databases";

    @Override
    public Map<String, String> start() {
        int port = serverPort();
        String database = nextDatabaseName();
        try (Connection c = DriverManager.getConnection(url(port, "postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test database " + database, e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", url(port, database),
                // zonky's initdb trusts local connections: no password
                "quarkus.datasource.username", "postgres");
    }

    @Override
    public void stop() {
        // The server outlives this application start: the next profile's start reuses it.
    }

    private static synchronized int serverPort() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try {
                // pg_stat_statements: SessionStatementsTest counts the statements one card session costs
                port = Integer.toString(EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements").start().getPort());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    private static synchronized String nextDatabaseName() {
        int n = Integer.getInteger(DATABASE_COUNTER, 0) + 1;
        System.setProperty(DATABASE_COUNTER, Integer.toString(n));
        return "cardsync_test_" + n;
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }
}
