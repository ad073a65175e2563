package org.cardsync.devpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurablePostgresTest {
    @TempDir
    Path dataDirectory;

    @Test
    void start_serverCommitsToDisk_despiteZonkysTestDefaults() throws Exception {
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0);
                Connection c = connect(postgres.port())) {
            // zonky's builder starts with -F and synchronous_commit=off; what the server runs with is what counts
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
            assertThat(show(c, "listen_addresses")).isEqualTo("localhost");
        }
    }

    @Test
    void restart_onTheSameDataDirectory_keepsCommittedRows_andRefusesASecondServer() throws Exception {
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0)) {
            try (Connection c = connect(postgres.port()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('committed before the restart')");
            }
            long pid = postgres.postmasterPid();
            assertThatThrownBy(() -> DurablePostgres.start(dataDirectory, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pid " + pid).hasMessageContaining("still uses");
        }
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0);
                Connection c = connect(postgres.port()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("committed before the restart");
        }
    }

    @Test
    void start_onAPortInUse_isRefusedAtOnceWithThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> DurablePostgres.start(dataDirectory, taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    static Connection connect(int port) throws Exception {
        return DriverManager.getConnection(DurablePostgres.jdbcUrl(port), DurablePostgres.USER, "");
    }

    private static String show(Connection c, String setting) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
