package org.cardsync.backend.security;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Whether an account may be used now: not disabled, and with which password hash. Read from the database on every
 * check, so that an admin's disabling or new password takes effect on every backend instance at once.
 */
@ApplicationScoped
public class AccountStatus {
    /** The password hash of an enabled account; empty for a disabled or unknown one. */
    @Transactional
    public Optional<String> enabledPasswordHash(String username) {
        return UserAccount.findByUsername(username).filter(u -> !u.disabled).map(u -> u.passwordHash);
    }

    /** The same, off the event loop (the database is blocking). */
    public Uni<Optional<String>> enabledPasswordHashAsync(String username) {
        return Uni.createFrom().item(() -> enabledPasswordHash(username))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
