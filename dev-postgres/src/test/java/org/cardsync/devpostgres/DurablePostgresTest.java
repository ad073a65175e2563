package org.cardsync.devpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurablePostgresTest {
    @TempDir
    Path dataDirectory;

    @Test
    void start_serverCommitsToDisk_despiteZonkysTestDefaults() throws Exception {
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0);
                Connection c = connect(postgres.port(), dataDirectory)) {
            // zonky's builder starts with -F and synchronous_commit=off; what the server runs with is what counts
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void start_theBackendsRole_needsItsPassword_andIsNoSuperuser() throws Exception {
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0)) {
            String url = DurablePostgres.jdbcUrl(postgres.port());
            // another local user, who cannot read the password file, has no way in
            assertThatThrownBy(() -> DriverManager.getConnection(url, DurablePostgres.USER, ""))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, DurablePostgres.USER, "guessed"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> DriverManager.getConnection(url.replace("/cardsync", "/postgres"),
                    DurablePostgres.SUPERUSER, ""))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");

            try (Connection c = connect(postgres.port(), dataDirectory); Statement s = c.createStatement()) {
                assertThat(show(c, "is_superuser")).isEqualTo("off");
                // what Flyway does at the backend's first start
                s.execute("CREATE TABLE owned_by_the_backend (v int)");
                try (ResultSet r = s.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")) {
                    r.next();
                    assertThat(r.getString(1)).isEqualTo(DurablePostgres.USER);
                }
                assertThatThrownBy(() -> s.execute("ALTER SYSTEM SET fsync = off"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void start_listensOnLoopbackOnly_withNoUnixSocket_andPasswordFilesOnlyItsOwnerMayRead() throws Exception {
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0);
                Connection c = DriverManager.getConnection(
                        DurablePostgres.jdbcUrl(postgres.port()).replace("/cardsync", "/postgres"), DurablePostgres.SUPERUSER,
                        Files.readString(DurablePostgres.superuserPasswordFile(dataDirectory)).strip())) {
            assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(c, "unix_socket_directories")).isEmpty();
            // where zonky's PostgreSQL put its socket before: open to every local user
            assertThat(Path.of("/tmp/.s.PGSQL." + postgres.port())).doesNotExist();
            for (Path file : List.of(DurablePostgres.passwordFile(dataDirectory),
                    DurablePostgres.superuserPasswordFile(dataDirectory))) {
                assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(DurablePostgres.passwordFile(dataDirectory))
                    .isEqualTo(dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password"));
        }
    }

    @Test
    void restart_onTheSameDataDirectory_keepsCommittedRows_andRefusesASecondServer() throws Exception {
        String password;
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0)) {
            password = Files.readString(DurablePostgres.passwordFile(dataDirectory)).strip();
            try (Connection c = connect(postgres.port(), dataDirectory); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('committed before the restart')");
            }
            long pid = postgres.postmasterPid();
            assertThatThrownBy(() -> DurablePostgres.start(dataDirectory, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pid " + pid).hasMessageContaining("still uses");
        }
        try (DurablePostgres postgres = DurablePostgres.start(dataDirectory, 0);
                Connection c = DriverManager.getConnection(DurablePostgres.jdbcUrl(postgres.port()), DurablePostgres.USER, password);
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("committed before the restart");
        }
    }

    @Test
    void start_onADirectoryFromBeforePasswords_isRefusedWithWhatToDo() throws Exception {
        // a cluster as the earlier launcher made it: zonky's initdb, trusting every local connection
        EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start().close();

        assertThatThrownBy(() -> DurablePostgres.start(dataDirectory, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no superuser password file")
                .hasMessageContaining("delete the directory to start over");
    }

    @Test
    void start_onAPortInUse_isRefusedAtOnceWithThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> DurablePostgres.start(dataDirectory, taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    /** Connects as the backend does: its role, with the password from the file beside the data directory. */
    static Connection connect(int port, Path dataDirectory) throws Exception {
        String password = Files.readString(DurablePostgres.passwordFile(dataDirectory)).strip();
        return DriverManager.getConnection(DurablePostgres.jdbcUrl(port), DurablePostgres.USER, password);
    }

    private static String show(Connection c, String setting) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
