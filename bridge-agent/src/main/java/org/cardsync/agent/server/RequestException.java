package org.cardsync.agent.server;

import io.vertx.core.json.JsonObject;
import org.cardsync.agent.reader.ErrorCode;

/** A request the agent refuses; becomes an error reply with this code and message. */
final class RequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    /** Extra structured fields for the error payload, or null. */
    private final transient JsonObject details;

    RequestException(ErrorCode code, String message) {
        this(code, message, null);
    }

    RequestException(ErrorCode code, String message, JsonObject details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    ErrorCode code() {
        return code;
    }

    JsonObject details() {
        return details;
    }
}
