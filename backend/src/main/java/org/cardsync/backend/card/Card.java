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

/** A physical card, identified by its 8-byte card id, owned by one customer. */
@Entity
@Table(name = "card")
public class Card extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "card_id", nullable = false, unique = true, length = 16)
    public String cardId;

    @Column(nullable = false, length = 64)
    public String owner;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Card> findByCardId(String cardIdHex) {
        return find("cardId", cardIdHex.toLowerCase()).firstResultOptional();
    }

    public static List<Card> findByOwner(String owner) {
        return list("owner", owner);
    }
}
