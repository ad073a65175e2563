package org.cardsync.backend.terminal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.error.TooManyRequestsException;
import org.cardsync.backend.security.throttle.KeyedRateLimiter;

/**
 * The rate limits of the unauthenticated terminal API (cardsync.terminal.rate-limit.*). Without them anybody could post
 * thousands of forged messages naming a card per second, each writing an audit row and an alert (issue 10: 3,046 posts
 * in 5 s). Per client address, checked before any database work, so one client cannot flood the server with messages
 * naming ever new cards; and challenges per client, so nobody fills the challenge table.
 * <p>
 * The per-application allowance bounds what <em>rejected</em> messages naming one card application cost (their audit
 * rows, alert upserts and console notices), never whether a message is read: only a message that failed admission
 * (bad MAC, stale ATC, unreadable, wrong type) is charged to it, after the MAC was checked. Once it is spent, further
 * rejections naming that application are still answered with their coded error but not written one by one; the
 * first of them per window raises a RATE_LIMITED alert ({@link RateLimitAlert}) that says so. A message whose MAC
 * verifies is processed as usual, so a forger who knows a card id cannot lock the genuine card out (review finding 3).
 */
@ApplicationScoped
public class TerminalRateLimit {
    private final KeyedRateLimiter messagesPerClient;
    private final KeyedRateLimiter rejectionsPerApplication;
    private final KeyedRateLimiter signedPerApplication;
    private final KeyedRateLimiter challengesPerClient;
    /** One token per application per window: who gets it raises the window's alert. */
    private final KeyedRateLimiter alertsPerApplication;
    private final RateLimitAlert alert;

    public TerminalRateLimit(CardsyncConfig.TerminalRateLimit config, RateLimitAlert alert) {
        Duration window = config.window();
        this.messagesPerClient = new KeyedRateLimiter(config.perClient(), window);
        this.rejectionsPerApplication = new KeyedRateLimiter(config.perApplication(), window);
        this.signedPerApplication = new KeyedRateLimiter(config.signedPerApplication(), window);
        this.challengesPerClient = new KeyedRateLimiter(config.challengesPerClient(), window);
        this.alertsPerApplication = new KeyedRateLimiter(1, window);
        this.alert = alert;
    }

    /**
     * Takes one message from the client's allowance. Nothing is given back when the message is then refused: a
     * forger pays for every message it sends, so one address cannot keep a card's rejection allowance spent for free.
     *
     * @throws TooManyRequestsException when it is spent
     */
    public void takeMessage(String client) {
        Duration wait = messagesPerClient.take(client);
        if (!wait.isZero()) {
            throw new TooManyRequestsException(wait);
        }
    }

    /**
     * Charges one rejected message to the allowance of the card application it named. Stops a flood of forged or
     * replayed messages from writing an audit row, an alert upsert and a console notice per message.
     *
     * @return true when the rejection is to be written as usual; false when the allowance is spent (the window's
     *         RATE_LIMITED alert is raised by the first such rejection, in the caller's transaction)
     */
    public boolean chargeRejection(long applicationId, String client) {
        String application = Long.toString(applicationId);
        if (rejectionsPerApplication.take(application).isZero()) {
            return true;
        }
        if (alertsPerApplication.take(application).isZero()) {
            alert.raise(applicationId, client);
        }
        return false;
    }

    /**
     * Takes one message the card signed (MAC verified, ATC fresh) from its card application's allowance, before it
     * changes anything. Stops a terminal that holds the card from making the server write a session's rows (audit,
     * settlement, script) hundreds of times a second by having the card sign message after message. Only a message
     * the card signed and the server has not seen is charged: a forged or replayed one never reaches this, so nobody
     * without the card can spend the allowance and lock the card out.
     *
     * @throws TooManyRequestsException CARD_TOO_BUSY when it is spent (the caller's transaction rolls back: the
     *         message is as if lost on the way, and the card's next message settles what it would have)
     */
    public void takeSigned(long applicationId) {
        Duration wait = signedPerApplication.take(Long.toString(applicationId));
        if (!wait.isZero()) {
            throw new TooManyRequestsException(ErrorCode.CARD_TOO_BUSY, wait);
        }
    }

    /** Takes one challenge from the client's allowance; @throws TooManyRequestsException when it is spent. */
    public void takeChallenge(String client) {
        Duration wait = challengesPerClient.take(client);
        if (!wait.isZero()) {
            throw new TooManyRequestsException(wait);
        }
    }
}
