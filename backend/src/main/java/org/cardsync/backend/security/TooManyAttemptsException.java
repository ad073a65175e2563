package org.cardsync.backend.security;

import java.time.Duration;

/**
 * A sign-in refused unchecked because too many attempts failed lately; answered 429 TOO_MANY_ATTEMPTS with
 * Retry-After. Quarkus' AuthenticationFailedException is final, so where an authentication fails for this reason it
 * carries this exception as its cause.
 */
public class TooManyAttemptsException extends RuntimeException {
    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
