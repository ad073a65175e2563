package org.cardsync.loadgen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import picocli.CommandLine.Option;

/**
 * How a command reaches the backend's PostgreSQL, for set-up (queueing, seeding) and for the report of a stalled
 * request (its sessions and locks), never on a measured path; a picocli mixin shared by
 * the commands that need it. The password may come from the environment ({@code CARDSYNC_LOADGEN_JDBC_PASSWORD})
 * rather than the command line, where every local user could read it with ps.
 */
public final class DatabaseOptions {
    @Option(names = "--jdbc", required = true, paramLabel = "URL",
            description = "The backend's database, e.g. jdbc:postgresql://127.0.0.1:5432/cardsync")
    String url;

    @Option(names = "--jdbc-user", defaultValue = "cardsync", paramLabel = "USER",
            description = "Its user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--jdbc-password", defaultValue = "${env:CARDSYNC_LOADGEN_JDBC_PASSWORD}", paramLabel = "PASSWORD",
            description = "Its password (default: the environment variable CARDSYNC_LOADGEN_JDBC_PASSWORD)")
    String password;

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
