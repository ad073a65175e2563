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

    /**
     * Takes one attempt from the client's and the name's allowance before the password is checked: zero if the
     * attempt may go ahead, else how long to wait (and neither allowance is charged). Taking first, atomically, stops
     * parallel guessing: when failures were only counted after the bcrypt check, a few hundred requests sent at once
     * all saw a full allowance and were all checked.
     */
    public Duration take(String username, String client) {
        Duration address = perClient.take(client);
        if (!address.isZero()) {
            return address;
        }
        Duration account = perAccount.take(key(username));
        if (!account.isZero()) {
            perClient.refund(client);
        }
        return account;
    }

    /** Gives back an attempt taken with {@link #take} that succeeded: only failures use up the allowance. */
    public void refund(String username, String client) {
        perAccount.refund(key(username));
        perClient.refund(client);
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
