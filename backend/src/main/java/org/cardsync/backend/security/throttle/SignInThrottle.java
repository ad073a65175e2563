package org.cardsync.backend.security.throttle;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import org.cardsync.backend.config.CardsyncConfig;

/**
 * Failed sign-ins, counted per user name and per client address (cardsync.sign-in.*). Stops password guessing:
 * against one account (the per-name limit) and across many accounts from one client (the per-client limit). Names
 * are counted whether or not an account has them, so being throttled tells nothing about which names exist.
 */
@ApplicationScoped
public class SignInThrottle {
    private final KeyedRateLimiter perAccount;
    private final KeyedRateLimiter perClient;

    public SignInThrottle(CardsyncConfig.SignIn config) {
        this.perAccount = new KeyedRateLimiter(config.failuresPerAccount(), config.failureWindow());
        this.perClient = new KeyedRateLimiter(config.failuresPerClient(), config.failureWindow());
    }

    /** How long the next attempt for {@code username} from {@code client} must wait; zero if it may go ahead. */
    public Duration waitTime(String username, String client) {
        Duration account = perAccount.waitTime(key(username));
        Duration address = perClient.waitTime(client);
        return account.compareTo(address) >= 0 ? account : address;
    }

    /** Counts a failed attempt against both the name and the client. */
    public void recordFailure(String username, String client) {
        perAccount.record(key(username));
        perClient.record(client);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
