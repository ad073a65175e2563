package org.cardsync.backend.challenge;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.cardsync.backend.config.CardsyncConfig;

/**
 * Deletes expired challenges at most once per {@code cardsync.challenges.purge-interval}, by expiry (an indexed delete,
 * V8). Before, every challenge request ran that delete by an unindexed column: a flood of requests paid a table scan
 * each. Expired rows count for no limit, so a late purge only costs disk. Each backend instance purges on its own.
 */
@ApplicationScoped
public class ExpiredChallengePurge {
    private final CardsyncConfig.Challenges config;
    private final AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);

    public ExpiredChallengePurge(CardsyncConfig.Challenges config) {
        this.config = config;
    }

    /** Purges if the interval has passed since the last purge; one caller of many at once does it. */
    void purgeIfDue(Instant now) {
        Instant due = next.get();
        if (now.isBefore(due) || !next.compareAndSet(due, now.plus(config.purgeInterval()))) {
            return;
        }
        purge(now);
    }

    /**
     * Deletes the challenges expired before {@code now}, in a transaction of its own (a refused challenge request
     * must not roll the purge back); returns how many.
     */
    public long purge(Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> Challenge.deleteExpired(now));
    }
}
