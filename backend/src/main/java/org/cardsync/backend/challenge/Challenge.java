package org.cardsync.backend.challenge;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A one-time server challenge for an AUTHENTICATE REQUEST. */
@Entity
@Table(name = "challenge")
public class Challenge extends PanacheEntityBase {
    /** The advisory lock key of challenge issuance ("cardchal" in ASCII), used nowhere else. */
    private static final long ISSUANCE_LOCK = 0x636172646368616CL;

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

    /** The client address it was handed to ({@code ClientAddress}); null on rows older than V8. */
    @Column(length = 64)
    public String client;

    /** The network of {@code client} ({@code ClientAddress.networkOf}); null on rows older than V9. */
    @Column(length = 64)
    public String network;

    /**
     * Waits until no other transaction issues a challenge, up to this transaction's end (a PostgreSQL transaction
     * advisory lock, so across backend instances too): the counts below and the insert that follows are then exact.
     */
    public static void lockIssuance() {
        getEntityManager().createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1)) l")
                .setParameter(1, ISSUANCE_LOCK).getSingleResult();
    }

    /** How many unused challenges of {@code client} are unexpired at {@code now} (index ix_challenge_client_live, V9). */
    public static long liveOf(String client, Instant now) {
        return count("client = ?1 and expiresAt > ?2 and used = false", client, now);
    }

    /** How many unused challenges of the clients of {@code network} are unexpired at {@code now} (ix_challenge_network_live). */
    public static long liveInNetwork(String network, Instant now) {
        return count("network = ?1 and expiresAt > ?2 and used = false", network, now);
    }

    /** When the first live challenge of {@code network} expires, if it has any. */
    public static Optional<Instant> firstExpiryInNetwork(String network, Instant now) {
        return find("network = ?1 and expiresAt > ?2 and used = false order by expiresAt", network, now)
                .<Challenge>firstResultOptional().map(c -> c.expiresAt);
    }

    /** How many unused challenges of all clients are unexpired at {@code now} (index ix_challenge_live, V9). */
    public static long live(Instant now) {
        return count("expiresAt > ?1 and used = false", now);
    }

    /** When the first of {@code client}'s live challenges expires, if it has any. */
    public static Optional<Instant> firstExpiryOf(String client, Instant now) {
        return find("client = ?1 and expiresAt > ?2 and used = false order by expiresAt", client, now)
                .<Challenge>firstResultOptional().map(c -> c.expiresAt);
    }

    /** When the first live challenge of any client expires, if there is one. */
    public static Optional<Instant> firstExpiry(Instant now) {
        return find("expiresAt > ?1 and used = false order by expiresAt", now)
                .<Challenge>firstResultOptional().map(c -> c.expiresAt);
    }

    /** Deletes the challenges expired before {@code now}, used or not (index ix_challenge_expires_at). */
    public static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }

    /** Marks the challenge used if it exists, is unused and unexpired; true if this call consumed it. */
    public static boolean consume(String hex, Instant now) {
        return update("used = true where challenge = ?1 and used = false and expiresAt > ?2", hex, now) == 1;
    }
}
