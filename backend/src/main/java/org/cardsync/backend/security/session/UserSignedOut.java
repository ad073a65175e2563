package org.cardsync.backend.security.session;

/**
 * Every session of a user was ended (disabled, or given a new password): CDI event, fired in the ending transaction.
 * Unlike {@link SessionEnded} it names the user, so that every backend instance can close the user's sockets,
 * including those opened with HTTP Basic, which belong to no session.
 */
public record UserSignedOut(String username) {
}
