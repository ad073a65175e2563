package org.cardsync.backend.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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

    private final SignInThrottle throttle;

    public PasswordSignIn(SignInThrottle throttle) {
        this.throttle = throttle;
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
        Duration wait = throttle.take(username, client);
        if (!wait.isZero()) {
            LOG.warnf("sign-in throttled for user name '%s' from %s", printable(username), client);
            return Uni.createFrom().failure(new AuthenticationFailedException(new TooManyAttemptsException(wait)));
        }
        UsernamePasswordAuthenticationRequest request =
                new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray()));
        return identities.authenticate(request)
                .onItem().invoke(() -> throttle.refund(username, client))
                .onFailure(AuthenticationFailedException.class).invoke(() -> {
                    // never the password: a user who typed it into the name field still leaks only that name
                    LOG.warnf("failed sign-in for user name '%s' from %s", printable(username), client);
                });
    }

    /** The name as it may go into a log: no control characters (forged log lines), at most 64 characters. */
    static String printable(String username) {
        String clean = username.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
