package org.cardsync.backend.card;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cardsync.protocol.CardApplicationId;

/**
 * One card application (rule 1): its AID, last confirmed CA and action chain, last accepted ATC and key version. Its row is
 * the lock that serializes every state change of the application (rule 7).
 */
@Entity
@Table(name = "card_application")
public class CardApplication extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "card_ref")
    public Card card;

    @Column(nullable = false, length = 32)
    public String aid;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public ApplicationStatus status;

    @Column(name = "confirmed_ca", nullable = false)
    public long confirmedCa;

    /**
     * The action chain H at {@link #confirmedCa} (protocol.md 1.3 and 8): with the CA, what a signed message is
     * compared with. 16 zero bytes for a newly issued application.
     */
    @Column(name = "confirmed_chain", nullable = false)
    public byte[] confirmedChain;

    @Column(name = "last_atc", nullable = false)
    public long lastAtc;

    @Column(name = "key_version", nullable = false)
    public int keyVersion;

    @Column(name = "frozen_reason", length = 500)
    public String frozenReason;

    /** The balance in the last signed message: for display, authenticated but possibly stale. */
    @Column(name = "last_balance")
    public Long lastBalance;

    /** When {@link #lastBalance} was signed (or personalised); null if unknown. */
    @Column(name = "balance_seen_at")
    public Instant balanceSeenAt;

    /** The purse limit it was personalised with; null for applications issued before the portal kept it. */
    @Column(name = "purse_limit")
    public Long purseLimit;

    /**
     * The BLOCK a customer asked for (lost or stolen): while that action is QUEUED, it is the only action
     * {@code ScriptIssuer} issues for this application.
     */
    @Column(name = "block_action_id")
    public Long blockActionId;

    /** When the last verified message of the card arrived (also while frozen); null if none yet. */
    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    /** The CA of the last verified message, also while frozen: what a resync sets {@link #confirmedCa} to. */
    @Column(name = "signed_ca")
    public Long signedCa;

    /** The ATC of that message. */
    @Column(name = "signed_atc")
    public Long signedAtc;

    /** The action chain of that message: what a resync sets {@link #confirmedChain} to. */
    @Column(name = "signed_chain")
    public byte[] signedChain;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public CardApplicationId protocolId() {
        return CardApplicationId.ofHex(card.cardId, aid);
    }

    /**
     * Loads and row-locks (SELECT … FOR NO KEY UPDATE) the application as a managed entity: the serialization point of
     * rule 7 for the console's and the portal's acts. The message path locks the same row through CardApplicationRows.
     */
    public static Optional<CardApplication> lockById(long id) {
        return Optional.ofNullable(getEntityManager().find(CardApplication.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public static List<CardApplication> findByCard(Card card) {
        return list("card", card);
    }
}
