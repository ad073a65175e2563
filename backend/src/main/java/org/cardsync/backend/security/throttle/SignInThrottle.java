package org.cardsync.backend.security.throttle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.cardsync.backend.config.CardsyncConfig;

/**
 * Failed sign-ins, counted per client address, per user name from that client, and per user name from all clients
 * (cardsync.sign-in.*). Stops password guessing: against one account from one client (the strict per-account
 * limit), against one account from many clients (the higher account-wide limit), and across many accounts from one
 * client (the per-client limit). The strict limit counts per client so that nobody can keep an account locked out
 * for its owner by failing on purpose: that takes the account-wide limit, which is far higher. Names are counted
 * whether or not an account has them, so being throttled tells nothing about which names exist.
 */
@ApplicationScoped
public class SignInThrottle {
    /** The longest user name there can be (the column's size); longer ones are refused before any throttling. */
    public static final int MAX_NAME_LENGTH = 64;

    private final KeyedRateLimiter perAccountFromClient;
    private final KeyedRateLimiter perAccount;
    private final KeyedRateLimiter perClient;

    @Inject
    public SignInThrottle(CardsyncConfig.SignIn config) {
        this(config.failuresPerAccount(), config.failuresPerAccountAllClients(), config.failuresPerClient(),
                config.failureWindow());
    }

    SignInThrottle(int failuresPerAccountFromClient, int failuresPerAccount, int failuresPerClient, Duration window) {
        this.perAccountFromClient = new KeyedRateLimiter(failuresPerAccountFromClient, window);
        this.perAccount = new KeyedRateLimiter(failuresPerAccount, window);
        this.perClient = new KeyedRateLimiter(failuresPerClient, window);
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
            // a throttled client gets no bucket for the name it tried: spraying invented names from one address
            // cannot fill the heap with buckets
            return address;
        }
        String account = key(username);
        Duration fromClient = perAccountFromClient.take(account + "@" + client);
        if (!fromClient.isZero()) {
            perClient.refund(client);
            return fromClient;
        }
        Duration anyClient = perAccount.take(account);
        if (!anyClient.isZero()) {
            perAccountFromClient.refund(account + "@" + client);
            perClient.refund(client);
        }
        return anyClient;
    }

    /** Whether an attempt for {@code username} from {@code client} would be refused now (takes nothing). */
    public boolean isThrottled(String username, String client) {
        if (!perClient.hasToken(client)) {
            return true; // and no bucket for the name (see take)
        }
        String account = key(username);
        return !perAccountFromClient.hasToken(account + "@" + client) || !perAccount.hasToken(account);
    }

    /** Gives back an attempt taken with {@link #take} that succeeded: only failures use up the allowance. */
    public void refund(String username, String client) {
        String account = key(username);
        perAccount.refund(account);
        perAccountFromClient.refund(account + "@" + client);
        perClient.refund(client);
    }

    /** How many user names have a bucket now (tests). */
    long accountKeys() {
        return perAccount.keys() + perAccountFromClient.keys();
    }

    /**
     * The bucket key of a name: a SHA-256 of its lower-case form, so a bucket costs the same few bytes however long
     * the name an attacker sends (names over {@link #MAX_NAME_LENGTH} never get here anyway).
     */
    private static String key(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
