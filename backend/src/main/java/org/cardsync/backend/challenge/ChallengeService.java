package org.cardsync.backend.challenge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.protocol.Hex;

/** Issues and consumes the one-time server challenges an AUTHENTICATE REQUEST echoes. */
@ApplicationScoped
public class ChallengeService {
    /** A challenge is 16 random bytes: the size of the REQUEST's challenge field (protocol.md 5.1). */
    private static final int CHALLENGE_LENGTH = 16;

    private final CardsyncConfig.Challenges config;
    private final SecureRandom random = new SecureRandom();

    public ChallengeService(CardsyncConfig.Challenges config) {
        this.config = config;
    }

    /** A fresh one-time challenge, valid for {@code cardsync.challenges.ttl}. */
    @Transactional
    public Challenge issue() {
        byte[] value = new byte[CHALLENGE_LENGTH];
        random.nextBytes(value);
        Challenge c = new Challenge();
        c.challenge = Hex.encode(value);
        c.createdAt = Instant.now();
        c.expiresAt = c.createdAt.plus(config.ttl());
        c.used = false;
        c.persist();
        // challenges are short-lived: drop the expired ones so that the table stays small
        Challenge.delete("expiresAt < ?1", c.createdAt);
        return c;
    }

    /**
     * Consumes a challenge a card signed: true if it was issued here, unused and unexpired. A challenge is
     * single-use and short-lived: stops a recorded AUTHENTICATE from being replayed to log in as the card
     * holder. One conditional UPDATE consumes it, so two REQUESTs echoing the same challenge at once (from two
     * card applications) cannot both be approved. Runs in the caller's transaction.
     */
    public boolean consume(byte[] challenge) {
        return Challenge.consume(Hex.encode(challenge), Instant.now());
    }
}
