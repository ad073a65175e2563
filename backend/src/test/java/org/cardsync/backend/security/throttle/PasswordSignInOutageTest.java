package org.cardsync.backend.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import org.cardsync.backend.security.PasswordSignIn;
import org.cardsync.backend.security.TooManyAttemptsException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A sign-in the database could not check (PostgreSQL restarting) is no guess: it must not use up the sign-in
 * throttle, or an API client that kept sending Basic credentials through the outage is locked out as a password
 * guesser once the database is back (found by e2e CrashedAndParallelServersTest). Wrong passwords still are charged.
 * Three failures of one name from one client within 15 minutes, as a small production setting. (A hand-made
 * CardsyncConfig.SignIn would break every QuarkusTest: CDI sees its inherited constraint annotations.)
 */
class PasswordSignInOutageTest {

    private static final String CLIENT = "192.0.2.7";

    @Test
    void signInsDuringADatabaseOutage_doNotThrottleTheUser() {
        SignInThrottle throttle = new SignInThrottle(3, 100, 100, Duration.ofMinutes(15));
        PasswordSignIn signIn = new PasswordSignIn(throttle, null);
        IdentityProviderManager databaseDown = identities(new AuthenticationFailedException(new PersistenceException(
                new PSQLException("Connection to 127.0.0.1:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT))));

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> signIn.authenticate("helpdesk", "helpdesk-demo", CLIENT, databaseDown)
                    .await().indefinitely()).isInstanceOf(AuthenticationFailedException.class)
                    .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(TooManyAttemptsException.class));
        }

        assertThat(throttle.isThrottled("helpdesk", CLIENT)).isFalse();
    }

    @Test
    void wrongPasswords_areStillThrottled() {
        SignInThrottle throttle = new SignInThrottle(3, 100, 100, Duration.ofMinutes(15));
        PasswordSignIn signIn = new PasswordSignIn(throttle, null);
        IdentityProviderManager wrongPassword = identities(new AuthenticationFailedException("wrong password"));

        for (int i = 0; i < 3; i++) {
            String guess = "guess" + i;
            assertThatThrownBy(() -> signIn.authenticate("helpdesk", guess, CLIENT, wrongPassword)
                    .await().indefinitely()).isInstanceOf(AuthenticationFailedException.class);
        }

        assertThat(throttle.isThrottled("helpdesk", CLIENT)).isTrue();
    }

    private static IdentityProviderManager identities(RuntimeException failure) {
        return new IdentityProviderManager() {
            @Override
            public Uni<SecurityIdentity> authenticate(AuthenticationRequest request) {
                return Uni.createFrom().failure(failure);
            }

            @Override
            public SecurityIdentity authenticateBlocking(AuthenticationRequest request) {
                throw failure;
            }
        };
    }
}
