package org.cardsync.backend.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.cardsync.backend.card.ApplicationChanged;

/**
 * Publishes every {@link ApplicationChanged} as a PostgreSQL NOTIFY on {@link ChangeNotice#CHANNEL}, in the
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement notify = c.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, ChangeNotice.CHANNEL);
            notify.setString(2, ChangeNotice.of(change).payload());
            notify.execute();
        }
    }
}
