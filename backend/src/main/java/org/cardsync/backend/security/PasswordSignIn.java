package org.cardsync.backend.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cardsync.backend.error.DatabaseUnavailable;
import org.cardsync.backend.security.throttle.SignInThrottle;
import org.jboss.logging.Logger;

/**
 * Checks a user name and password (browser sign-in and HTTP Basic alike) against the bcrypt hashes of
 * {@link UserAccount}, through Quarkus' security-jpa identity provider. That provider spends a bcrypt hash on an
 * unknown name too, so the answer's timing does not tell whether the account exists; the answer itself is the same
 * failure either way.
 */
@ApplicationScoped
public class PasswordSignIn {
    private static final Logger LOG = Logger.getLogger(PasswordSignIn.class);

    /** How long a checked name and password pass again without the throttle and bcrypt (see {@link #verified}). */
    private static final Duration VERIFIED_FOR = Duration.ofSeconds(30);

    private final SignInThrottle throttle;
    private final AccountStatus accounts;
    /**
     * Recently verified credentials, by an HMAC (key random per JVM) of name and password, never the password: an
     * API client sends HTTP Basic with every request, often several at once, and each attempt holds a throttle token
     * while its bcrypt check runs, so without this more parallel requests than the limit would be refused. A role
     * change takes effect for Basic within {@link #VERIFIED_FOR}; a disabled account or a new password at once,
     * because every use of an entry checks the account (see {@link Verified}).
     */
    private final Cache<String, Verified> verified =
            Caffeine.newBuilder().expireAfterWrite(VERIFIED_FOR).maximumSize(10_000).build();
    private final byte[] fingerprintKey = new byte[32];

    /** A verified identity and the password hash it was verified against: valid while the account still has it. */
    private record Verified(SecurityIdentity identity, String passwordHash) {
    }

    public PasswordSignIn(SignInThrottle throttle, AccountStatus accounts) {
        this.throttle = throttle;
        this.accounts = accounts;
        new SecureRandom().nextBytes(fingerprintKey);
    }

    /** Forgets the verified credentials of {@code username} (its account was disabled or got a new password). */
    public void forget(String username) {
        verified.asMap().values().removeIf(v -> v.identity().getPrincipal().getName().equalsIgnoreCase(username));
    }

    /**
     * The identity of {@code username}, or an {@link AuthenticationFailedException}: caused by a
     * {@link TooManyAttemptsException}, without checking anything, when the name or the client failed too often
     * lately (password guessing); else for a wrong name or password. Every attempt is charged to both before the
     * password is checked; a successful one is given back.
     */
    public Uni<SecurityIdentity> authenticate(String username, String password, String client,
                                              IdentityProviderManager identities) {
        if (username.length() > SignInThrottle.MAX_NAME_LENGTH) {
            // No account has such a name. Refused before the throttle so that names as long as the header allows
            // (HTTP Basic) neither become bucket keys (memory exhaustion) nor use up the client's allowance.
            return Uni.createFrom().failure(new AuthenticationFailedException("user name too long"));
        }
        String fingerprint = fingerprint(username, password);
        Verified known = verified.getIfPresent(fingerprint);
        // Only while not throttled: else a right guess would pass while every other guess is refused unchecked,
        // telling a guesser which one was right whenever the owner had signed in moments before.
        if (known != null && !throttle.isThrottled(username, client)) {
            // A disabled account, or a password an admin replaced, stops working at once on every instance: a
            // leaked password (the reason for replacing it) must not stay usable for the rest of the cache's life.
            String name = known.identity().getPrincipal().getName();
            return accounts.enabledPasswordHashAsync(name).onItem().transform(hash -> {
                if (hash.isPresent() && hash.get().equals(known.passwordHash())) {
                    return known.identity();
                }
                verified.invalidate(fingerprint);
                throw new AuthenticationFailedException("account disabled or password changed");
            });
        }
        Duration wait = throttle.take(username, client);
        if (!wait.isZero()) {
            LOG.warnf("sign-in throttled for user name '%s' from %s", printable(username), client);
            return Uni.createFrom().failure(new AuthenticationFailedException(new TooManyAttemptsException(wait)));
        }
        UsernamePasswordAuthenticationRequest request =
                new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray()));
        return identities.authenticate(request)
                // a disabled account is refused with the same answer as a wrong password: an admin disabled it
                // because its owner left or its password leaked, and either way it must not sign in
                .onItem().transformToUni(who -> accounts.enabledPasswordHashAsync(who.getPrincipal().getName())
                        .onItem().transform(hash -> {
                            if (hash.isEmpty()) {
                                throw new AuthenticationFailedException("account disabled");
                            }
                            throttle.refund(username, client);
                            verified.put(fingerprint, new Verified(who, hash.get()));
                            return who;
                        }))
                .onFailure(DatabaseUnavailable::causes).invoke(() -> {
                    // The user table could not be read, so the password was never checked: not a guess, and not
                    // charged. Else every client that kept trying during a database restart (an API client sends
                    // Basic with each request) would be locked out for the throttle's window once it is back.
                    throttle.refund(username, client);
                })
                .onFailure(f -> f instanceof AuthenticationFailedException && !DatabaseUnavailable.causes(f))
                .invoke(() -> {
                    // never the password: a user who typed it into the name field still leaks only that name
                    LOG.warnf("failed sign-in for user name '%s' from %s", printable(username), client);
                });
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(
                    (username.toLowerCase(Locale.ROOT) + "\u0000" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** The name as it may go into a log: no control characters (forged log lines), at most 64 characters. */
    static String printable(String username) {
        String clean = username.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
