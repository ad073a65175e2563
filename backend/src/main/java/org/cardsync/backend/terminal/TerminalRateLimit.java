package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.TooManyRequestsException;
import org.cardsync.backend.security.throttle.KeyedRateLimiter;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.ProtocolException;
import org.cardsync.protocol.UpstreamHeader;

/**
 * The rate limits of the unauthenticated terminal API (cardsync.terminal.rate-limit.*), checked before any database
 * work, so that a refused request costs no row lock, audit row or alert. Without them anybody could post thousands of
 * forged messages naming a card per second, each writing an audit row and an alert and taking the application's row
 * lock away from the real card (issue 10: 3,046 posts in 5 s). Per client address, so one client cannot flood the
 * server with messages naming ever new cards; per card application named in the header (read, unverified, before
 * the MAC is checked), so that many clients together cannot flood one card's audit trail and lock; and challenges
 * per client, so nobody fills the challenge table. The first refusal per application per window raises a RATE_LIMITED
 * alert ({@link RateLimitAlert}), so the helpdesk learns of the flood without the flood writing a row per message.
 */
@ApplicationScoped
public class TerminalRateLimit {
    private final KeyedRateLimiter messagesPerClient;
    private final KeyedRateLimiter messagesPerApplication;
    private final KeyedRateLimiter challengesPerClient;
    /** One token per application per window: who gets it raises the window's alert. */
    private final KeyedRateLimiter alertsPerApplication;
    private final RateLimitAlert alert;

    public TerminalRateLimit(CardsyncConfig.TerminalRateLimit config, RateLimitAlert alert) {
        Duration window = config.window();
        this.messagesPerClient = new KeyedRateLimiter(config.perClient(), window);
        this.messagesPerApplication = new KeyedRateLimiter(config.perApplication(), window);
        this.challengesPerClient = new KeyedRateLimiter(config.challengesPerClient(), window);
        this.alertsPerApplication = new KeyedRateLimiter(1, window);
        this.alert = alert;
    }

    /**
     * Takes one message from the client's and the named application's allowance.
     *
     * @throws TooManyRequestsException when either is spent (nothing of the other is taken then)
     */
    public void takeMessage(String client, String hex) {
        Duration wait = messagesPerClient.take(client);
        if (!wait.isZero()) {
            // a client over its limit gets no bucket for the cards it names: inventing card ids costs no heap
            throw new TooManyRequestsException(wait);
        }
        Optional<CardApplicationId> named = named(hex);
        if (named.isEmpty()) {
            return; // names no card application: it will be refused unread, with nothing written
        }
        String application = named.get().cardIdHex() + "/" + named.get().aidHex();
        wait = messagesPerApplication.take(application);
        if (!wait.isZero()) {
            // the client's allowance is given back: a flood of one card from a shared (NAT) address must not lock
            // out the honest terminals behind it; the refusal itself costs no database work
            messagesPerClient.refund(client);
            if (alertsPerApplication.take(application).isZero()) {
                alert.raise(named.get(), client);
            }
            throw new TooManyRequestsException(wait);
        }
    }

    /** Takes one challenge from the client's allowance; @throws TooManyRequestsException when it is spent. */
    public void takeChallenge(String client) {
        Duration wait = challengesPerClient.take(client);
        if (!wait.isZero()) {
            throw new TooManyRequestsException(wait);
        }
    }

    /** The card application a message's header names, unverified; empty when it is not hex or too short. */
    private static Optional<CardApplicationId> named(String hex) {
        try {
            return UpstreamHeader.peek(Hex.decode(hex)).map(UpstreamHeader::id);
        } catch (ProtocolException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
