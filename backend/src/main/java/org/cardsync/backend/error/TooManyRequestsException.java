package org.cardsync.backend.error;

import java.time.Duration;

/** A request refused unread because its sender or its subject is over a rate limit: 429 with Retry-After. */
public class TooManyRequestsException extends ApiException {
    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        this(ErrorCode.TOO_MANY_REQUESTS, retryAfter);
    }

    /** @param code a 429 code saying which limit it was */
    public TooManyRequestsException(ErrorCode code, Duration retryAfter) {
        super(code);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
