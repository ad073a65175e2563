package org.cardsync.backend.challenge;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time server challenge for an AUTHENTICATE REQUEST. */
@Entity
@Table(name = "challenge")
public class Challenge extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 32)
    public String challenge;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public boolean used;

    /** Marks the challenge used if it exists, is unused and unexpired; true if this call consumed it. */
    public static boolean consume(String hex, Instant now) {
        return update("used = true where challenge = ?1 and used = false and expiresAt > ?2", hex, now) == 1;
    }
}
