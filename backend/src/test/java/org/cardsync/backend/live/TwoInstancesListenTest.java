package org.cardsync.backend.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two listeners of their own, as two backend instances would have, on the test database: each hears what any session
 * committed, neither hears what was rolled back, and one whose connection is killed comes back without the other
 * noticing anything.
 */
@QuarkusTest
class TwoInstancesListenTest {
    private static final String CHANNEL = "cardsync_test_two_instances";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    private Connection connect(String applicationName) throws SQLException {
        Connection c = DriverManager.getConnection(url + "?ApplicationName=" + applicationName, "postgres", "");
        c.setAutoCommit(true);
        return c;
    }

    private PgListener listener(String name, LinkedBlockingQueue<String> heard, LinkedBlockingQueue<String> relistened) {
        return new PgListener(() -> connect(name), CHANNEL, heard::add, () -> relistened.add(name),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)).start();
    }

    private static void await(PgListener listener) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!listener.listening() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listener.listening()).isTrue();
    }

    @Test
    void bothHearWhatCommitted_neitherWhatRolledBack_andAKilledOneComesBack() throws Exception {
        LinkedBlockingQueue<String> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> b = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> relistened = new LinkedBlockingQueue<>();
        try (PgListener instanceA = listener("cardsync-test-a", a, relistened);
                PgListener instanceB = listener("cardsync-test-b", b, relistened);
                Connection writer = connect("cardsync-test-writer"); Statement s = writer.createStatement()) {
            await(instanceA);
            await(instanceB);

            writer.setAutoCommit(false);
            s.execute("select pg_notify('" + CHANNEL + "', 'rolled back')");
            writer.rollback();
            s.execute("select pg_notify('" + CHANNEL + "', 'committed')");
            assertThat(a.poll(300, TimeUnit.MILLISECONDS)).as("nothing before the commit").isNull();
            writer.commit();
            assertThat(a.poll(10, TimeUnit.SECONDS)).isEqualTo("committed");
            assertThat(b.poll(10, TimeUnit.SECONDS)).isEqualTo("committed");
            assertThat(a.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(b.poll(10, TimeUnit.MILLISECONDS)).isNull();

            writer.setAutoCommit(true);
            s.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity where application_name = "
                    + "'cardsync-test-a' and datname = current_database()").close();
            assertThat(relistened.poll(10, TimeUnit.SECONDS)).isEqualTo("cardsync-test-a");
            s.execute("select pg_notify('" + CHANNEL + "', 'after the reconnect')");
            assertThat(a.poll(10, TimeUnit.SECONDS)).isEqualTo("after the reconnect");
            assertThat(b.poll(10, TimeUnit.SECONDS)).isEqualTo("after the reconnect");
            assertThat(relistened).as("B never lost its connection").isEmpty();
        }
    }
}
