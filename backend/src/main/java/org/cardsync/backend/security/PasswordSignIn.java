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
    /**
     * Recently verified credentials, by an HMAC (key random per JVM) of name and password, never the password: an
     * API client sends HTTP Basic with every request, often several at once, and each attempt holds a throttle token
     * while its bcrypt check runs, so without this more parallel requests than the limit would be refused. A role
     * change or a removed user takes effect for Basic within {@link #VERIFIED_FOR}.
     */
    private final Cache<String, SecurityIdentity> verified =
            Caffeine.newBuilder().expireAfterWrite(VERIFIED_FOR).maximumSize(10_000).build();
    private final byte[] fingerprintKey = new byte[32];

    public PasswordSignIn(SignInThrottle throttle) {
        this.throttle = throttle;
        new SecureRandom().nextBytes(fingerprintKey);
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
        SecurityIdentity known = verified.getIfPresent(fingerprint);
        // Only while not throttled: else a right guess would pass while every other guess is refused unchecked,
        // telling a guesser which one was right whenever the owner had signed in moments before.
        if (known != null && !throttle.isThrottled(username, client)) {
            return Uni.createFrom().item(known);
        }
        Duration wait = throttle.take(username, client);
        if (!wait.isZero()) {
            LOG.warnf("sign-in throttled for user name '%s' from %s", printable(username), client);
            return Uni.createFrom().failure(new AuthenticationFailedException(new TooManyAttemptsException(wait)));
        }
        UsernamePasswordAuthenticationRequest request =
                new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray()));
        return identities.authenticate(request)
                .onItem().invoke(who -> {
                    throttle.refund(username, client);
                    verified.put(fingerprint, who);
                })
                .onFailure(AuthenticationFailedException.class).invoke(() -> {
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
