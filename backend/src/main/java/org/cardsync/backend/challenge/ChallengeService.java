package org.cardsync.backend.challenge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.error.TooManyRequestsException;
import org.cardsync.backend.security.ClientAddress;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;

/**
 * Issues and consumes the one-time server challenges an AUTHENTICATE REQUEST echoes. Nobody signs in to ask for one,
 * so what they cost is bounded: per client by rate ({@code TerminalRateLimit}) and by how many it may hold unused at
 * once, per network (IPv4 /24, IPv6 /48) and in total (docs/api.md "Rate limits"). The total is still a bound that
 * clients spread over many networks (a botnet) can exhaust; stateless challenges (an HMAC over a random value and its
 * expiry, stored only when a card consumes one) would remove it.
 */
@ApplicationScoped
public class ChallengeService {
    private final CardsyncConfig.Challenges config;
    private final ExpiredChallengePurge purge;
    private final SecureRandom random = new SecureRandom();

    public ChallengeService(CardsyncConfig.Challenges config, ExpiredChallengePurge purge) {
        this.config = config;
        this.purge = purge;
    }

    /**
     * A fresh one-time challenge for {@code client}, valid for {@code cardsync.challenges.ttl}.
     *
     * @throws TooManyRequestsException TOO_MANY_REQUESTS when the client holds {@code max-live-per-client} unused ones
     *         (stops one address from filling the table within its rate) or its network {@code max-live-per-network}
     *         (stops one host or subscriber with many addresses from taking the total), CHALLENGES_EXHAUSTED when all
     *         clients together hold {@code max-live} (stops many networks from filling the table); Retry-After: until
     *         the first of them expires. The bounds are exact: issuance is serialised (count, then insert, under one
     *         lock), so requests served at once cannot all pass the last free place.
     */
    @Transactional
    public Challenge issue(String client) {
        Instant now = Instant.now();
        purge.purgeIfDue(now);
        // count-then-insert under one lock: without it every request whose count ran before another's insert
        // committed passed the bound (6 issued for a cap of 5, 57 for 50, under a parallel burst)
        Challenge.lockIssuance();
        now = Instant.now();
        if (Challenge.liveOf(client, now) >= config.maxLivePerClient()) {
            throw new TooManyRequestsException(ErrorCode.TOO_MANY_REQUESTS, untilFirst(Challenge.firstExpiryOf(client, now), now));
        }
        String network = ClientAddress.networkOf(client);
        if (Challenge.liveInNetwork(network, now) >= config.maxLivePerNetwork()) {
            throw new TooManyRequestsException(ErrorCode.TOO_MANY_REQUESTS,
                    untilFirst(Challenge.firstExpiryInNetwork(network, now), now));
        }
        if (Challenge.live(now) >= config.maxLive()) {
            throw new TooManyRequestsException(ErrorCode.CHALLENGES_EXHAUSTED, untilFirst(Challenge.firstExpiry(now), now));
        }
        // as many random bytes as the REQUEST's challenge field holds (protocol.md 4.1)
        byte[] value = new byte[CardCommands.CHALLENGE_LENGTH];
        random.nextBytes(value);
        Challenge c = new Challenge();
        c.challenge = Hex.encode(value);
        c.createdAt = now;
        c.expiresAt = now.plus(config.ttl());
        c.used = false;
        c.client = client;
        c.network = network;
        c.persist();
        return c;
    }

    private static Duration untilFirst(Optional<Instant> expiry, Instant now) {
        // the one that filled the bound may have expired meanwhile: then at once
        return expiry.map(e -> Duration.between(now, e)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
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
