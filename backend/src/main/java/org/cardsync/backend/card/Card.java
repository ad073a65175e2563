package org.cardsync.backend.card;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A physical card, identified by its 8-byte card id, owned by one customer, or by none yet: a card issued without
 * an owner waits for its holder to link it with its one-time activation code (only the code's hash is kept).
 */
@Entity
@Table(name = "card")
public class Card extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "card_id", nullable = false, unique = true, length = 16)
    public String cardId;

    /** The customer who owns it; null until its holder links it. */
    @Column(length = 64)
    public String owner;

    /** The bcrypt hash of the activation code of an unlinked card; null once linked (the code is one-time). */
    @Column(name = "activation_code_hash", length = 100)
    public String activationCodeHash;

    /** Wrong activation codes sent with a valid card proof; at the configured limit the code stops working. */
    @Column(name = "activation_failures", nullable = false)
    public int activationFailures;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Card> findByCardId(String cardIdHex) {
        return find("cardId", cardIdHex.toLowerCase()).firstResultOptional();
    }

    /**
     * Row-locks the card and reloads it (SELECT … FOR UPDATE), so that two links of the same card through two of
     * its applications cannot both succeed.
     */
    public void lock() {
        getEntityManager().refresh(this, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<Card> findByOwner(String owner) {
        return list("owner", owner);
    }
}
