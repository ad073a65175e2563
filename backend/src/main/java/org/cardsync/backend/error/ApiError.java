package org.cardsync.backend.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of every error response: a code from {@link ErrorCode} and a human message. */
public record ApiError(
        @Schema(required = true, description = "one of docs/api.md's closed set of error codes") ErrorCode code,
        @Schema(required = true) String message) {
    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message);
    }
}
