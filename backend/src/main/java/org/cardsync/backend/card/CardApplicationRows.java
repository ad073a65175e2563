package org.cardsync.backend.card;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.cardsync.backend.sql.Rows;
import org.cardsync.protocol.CardApplicationId;

/**
 * The card application's row on the message path, in plain SQL on the transaction's connection (Agroal hands every
 * caller in a JTA transaction the one enlisted connection): the application read here is a plain object that
 * Hibernate never manages, so a message costs no entity loading, no dirty checking and no flush before each query
 * (docs/performance.md, "Where the time goes"). Whoever changes it writes it back with {@link #update}, once per message.
 *
 * <p>MANDATORY: outside a transaction Agroal would hand out an autocommit connection, so the row lock would end with
 * its statement and each write would commit on its own, silently breaking rule 7 and exactly-once settlement; this
 * makes such a caller fail at once instead (TransactionalException), as Hibernate's locking read did.
 */
@ApplicationScoped
@Transactional(TxType.MANDATORY)
public class CardApplicationRows {
    private static final String COLUMNS = "a.id, a.aid, a.status, a.confirmed_ca, a.confirmed_chain, a.last_atc,"
            + " a.key_version, a.frozen_reason, a.last_balance, a.balance_seen_at, a.purse_limit, a.block_action_id,"
            + " a.last_message_at, a.signed_ca, a.signed_atc, a.signed_chain, a.version, a.created_at,"
            + " c.id, c.card_id, c.owner, c.activation_failures, c.created_at";

    private final DataSource dataSource;

    public CardApplicationRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A registered card application a message names: its id and issuer key version, read without a lock. */
    public record Named(long id, int keyVersion) {
    }

    /** The card application a protocol message names, without locking it (so that the locking read is fresh). */
    public Optional<Named> named(CardApplicationId id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select a.id, a.key_version from card_application a"
                     + " join card c on c.id = a.card_ref where c.card_id = ? and a.aid = ?")) {
            ps.setString(1, id.cardIdHex());
            ps.setString(2, id.aidHex());
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(new Named(r.getLong(1), r.getInt(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Rows.failed("read the card application " + id, e);
        }
    }

    /**
     * Loads and row-locks the application with its card: the serialization point of rule 7. FOR NO KEY UPDATE, the
     * lock Hibernate's PESSIMISTIC_WRITE takes on PostgreSQL, so that the message path and the console's acts exclude
     * each other while inserts that only reference the row (a queued action, a purchase) do not wait. The card is
     * locked FOR KEY SHARE, not just joined: under READ COMMITTED a statement that waited for the application's lock
     * would still see the card as it was when the statement started (a stale owner, say, after CardLinking), while a
     * locked row is re-read at its latest version; KEY SHARE conflicts only with FOR UPDATE and key changes, which
     * nothing takes on a card, so it never waits.
     */
    public Optional<CardApplication> lock(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from card_application a"
                     + " join card c on c.id = a.card_ref where a.id = ? for no key update of a for key share of c")) {
            ps.setLong(1, id);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Rows.failed("lock the card application " + id, e);
        }
    }

    /**
     * Writes what the message path changes on a locked application, and its version: the version is the second guard
     * of rule 7 (entity code that read the row without the lock fails its own update instead of overwriting this one).
     */
    public void update(CardApplication app) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update card_application set status = ?, confirmed_ca = ?,"
                     + " confirmed_chain = ?, last_atc = ?, frozen_reason = ?, last_balance = ?, balance_seen_at = ?,"
                     + " last_message_at = ?, signed_ca = ?, signed_atc = ?, signed_chain = ?, version = version + 1"
                     + " where id = ? and version = ?")) {
            ps.setString(1, app.status.name());
            ps.setLong(2, app.confirmedCa);
            ps.setBytes(3, app.confirmedChain);
            ps.setLong(4, app.lastAtc);
            ps.setString(5, app.frozenReason);
            Rows.setLong(ps, 6, app.lastBalance);
            Rows.setInstant(ps, 7, app.balanceSeenAt);
            Rows.setInstant(ps, 8, app.lastMessageAt);
            Rows.setLong(ps, 9, app.signedCa);
            Rows.setLong(ps, 10, app.signedAtc);
            ps.setBytes(11, app.signedChain);
            ps.setLong(12, app.id);
            ps.setLong(13, app.version);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("card application " + app.id + " changed under its row lock");
            }
            app.version++;
        } catch (SQLException e) {
            throw Rows.failed("update the card application " + app.id, e);
        }
    }

    private static CardApplication read(ResultSet r) throws SQLException {
        CardApplication a = new CardApplication();
        a.id = r.getLong(1);
        a.aid = r.getString(2);
        a.status = ApplicationStatus.valueOf(r.getString(3));
        a.confirmedCa = r.getLong(4);
        a.confirmedChain = r.getBytes(5);
        a.lastAtc = r.getLong(6);
        a.keyVersion = r.getInt(7);
        a.frozenReason = r.getString(8);
        a.lastBalance = Rows.getLong(r, 9);
        a.balanceSeenAt = Rows.getInstant(r, 10);
        a.purseLimit = Rows.getLong(r, 11);
        a.blockActionId = Rows.getLong(r, 12);
        a.lastMessageAt = Rows.getInstant(r, 13);
        a.signedCa = Rows.getLong(r, 14);
        a.signedAtc = Rows.getLong(r, 15);
        a.signedChain = r.getBytes(16);
        a.version = r.getLong(17);
        a.createdAt = Rows.getInstant(r, 18);
        Card card = new Card();
        card.id = r.getLong(19);
        card.cardId = r.getString(20);
        card.owner = r.getString(21);
        card.activationFailures = r.getInt(22);
        card.createdAt = Rows.getInstant(r, 23);
        a.card = card;
        return a;
    }
}
