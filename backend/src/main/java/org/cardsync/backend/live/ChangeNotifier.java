package org.cardsync.backend.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.cardsync.backend.card.ApplicationChanged;
import org.cardsync.backend.security.session.UserSignedOut;

/**
 * Publishes every {@link ApplicationChanged} (and every {@link UserSignedOut}, as a {@link SignedOutNotice}) as a
 * PostgreSQL NOTIFY on {@link ChangeNotice#CHANNEL}, in the
 * transaction that made the change: PostgreSQL delivers a notification only when its transaction commits, so a
 * rolled-back change is never announced, and it delivers it to every listening session, so every backend instance
 * hears it ({@link ChangeListener}). Identical notices of one transaction reach listeners once (PostgreSQL folds them).
 *
 * <p>The statement runs on the data source's connection of the current transaction (Agroal hands the transaction's
 * enlisted connection to everybody in it), not through Hibernate, so announcing a change never flushes the session.
 */
@ApplicationScoped
public class ChangeNotifier {
    private final DataSource dataSource;

    public ChangeNotifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onChange(@Observes ApplicationChanged change) throws SQLException {
        notify(ChangeNotice.of(change).payload());
    }

    /** A disabled user's, or a user with a new password, sockets close on every instance once this commits. */
    void onSignedOut(@Observes UserSignedOut signedOut) throws SQLException {
        notify(new SignedOutNotice(signedOut.username()).payload());
    }

    private void notify(String payload) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, ChangeNotice.CHANNEL);
            notify.setString(2, payload);
            notify.execute();
        }
    }
}
