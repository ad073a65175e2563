package org.cardsync.backend.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.security.throttle.SignInThrottle;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A sign-in the database could not check (PostgreSQL restarting) is no guess: it must not use up the sign-in
 * throttle, or an API client that kept sending Basic credentials through the outage is locked out as a password
 * guesser once the database is back (found by e2e CrashedAndParallelServersTest). Wrong passwords still are charged.
 */
class PasswordSignInOutageTest {

    private static final String CLIENT = "192.0.2.7";

    @Test
    void signInsDuringADatabaseOutage_doNotThrottleTheUser() {
        SignInThrottle throttle = new SignInThrottle(config());
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
        SignInThrottle throttle = new SignInThrottle(config());
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

    /** Three failures of one name from one client within 15 minutes, as a small production setting. */
    private static CardsyncConfig.SignIn config() {
        return new CardsyncConfig.SignIn() {
            @Override
            public Duration idleTimeout() {
                return Duration.ofMinutes(30);
            }

            @Override
            public Duration absoluteTimeout() {
                return Duration.ofHours(12);
            }

            @Override
            public int failuresPerAccount() {
                return 3;
            }

            @Override
            public int failuresPerAccountAllClients() {
                return 100;
            }

            @Override
            public int failuresPerClient() {
                return 100;
            }

            @Override
            public Duration failureWindow() {
                return Duration.ofMinutes(15);
            }
        };
    }
}
