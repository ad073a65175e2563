package org.cardsync.backend.error;

/** The body of every error response: a code from {@link ErrorCode} and a human message. */
public record ApiError(String code, String message) {
    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code.name(), message);
    }
}
