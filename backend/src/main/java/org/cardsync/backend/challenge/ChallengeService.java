package org.cardsync.backend.challenge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;

/** Issues and consumes the one-time server challenges an AUTHENTICATE REQUEST echoes. */
@ApplicationScoped
public class ChallengeService {
    private final CardsyncConfig.Challenges config;
    private final SecureRandom random = new SecureRandom();

    public ChallengeService(CardsyncConfig.Challenges config) {
        this.config = config;
    }

    /** A fresh one-time challenge, valid for {@code cardsync.challenges.ttl}. */
    @Transactional
    public Challenge issue() {
        // as many random bytes as the REQUEST's challenge field holds (protocol.md 4.1)
        byte[] value = new byte[CardCommands.CHALLENGE_LENGTH];
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
