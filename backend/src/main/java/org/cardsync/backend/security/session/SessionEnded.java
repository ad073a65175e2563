package org.cardsync.backend.security.session;

/**
 * A session was ended by sign-out (CDI event, fired in the ending transaction). {@code sessionId} is the
 * {@link SessionStore#SESSION_ATTRIBUTE} of the identities it produced, never the token itself.
 */
public record SessionEnded(String sessionId) {
}
