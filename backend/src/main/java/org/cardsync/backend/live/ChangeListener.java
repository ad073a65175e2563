package org.cardsync.backend.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.cardsync.backend.config.CardsyncConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;

/**
 * This instance's ear for change notices: one {@link PgListener} on {@link ChangeNotice#CHANNEL}, started with the
 * application, handing every change notice (from this instance or any other) to {@link LiveSockets} and every
 * signed-out notice to {@link SignedOutSockets}, and telling every page
 * to reload after it had to reconnect.
 *
 * <p>Its connection is opened straight from the PostgreSQL driver, outside the Agroal pool: a LISTEN belongs to one
 * server session for as long as it lives, and a pooled connection would be validated, reaped and lent out, and would
 * hold a pool slot for good. The application name {@value #APPLICATION_NAME} makes it easy to find in
 * {@code pg_stat_activity}.
 */
@ApplicationScoped
public class ChangeListener {
    static final String APPLICATION_NAME = "cardsync-listener";

    private final LiveSockets sockets;
    private final SignedOutSockets signedOut;
    private final CardsyncConfig.Live config;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private PgListener listener;

    public ChangeListener(LiveSockets sockets, SignedOutSockets signedOut, CardsyncConfig.Live config,
                          @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.sockets = sockets;
        this.signedOut = signedOut;
        this.config = config;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent started) {
        listener = new PgListener(this::open, ChangeNotice.CHANNEL, this::hear, sockets::resync,
                config.reconnectDelay(), config.maxReconnectDelay(), config.heartbeat()).start();
    }

    /** A change notice goes to the pages; a signed-out notice closes the user's sockets on this instance. */
    void hear(String payload) {
        ChangeNotice.parse(payload).ifPresentOrElse(sockets::deliver,
                () -> SignedOutNotice.parse(payload).ifPresent(n -> signedOut.closeSocketsOf(n.signedOut())));
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (listener != null) {
            listener.close();
        }
    }

    /** Whether notices reach this instance now (tests wait for it before they change anything). */
    public boolean listening() {
        return listener != null && listener.listening();
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        Connection c = new Driver().connect(url, properties);
        if (c == null) {
            throw new SQLException("quarkus.datasource.jdbc.url is not a PostgreSQL JDBC URL");
        }
        c.setAutoCommit(true);
        return c;
    }
}
