package org.cardsync.agent.wire;

import io.vertx.core.json.JsonObject;

/**
 * A request the agent refuses or could not carry out, with the wire's code for it; becomes an error
 * reply with this code and message ({@link Envelope#error}).
 */
public final class RequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    /** Extra structured fields for the error payload, or null. */
    private final transient JsonObject details;

    public RequestException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RequestException(ErrorCode code, String message, JsonObject details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra fields of the error payload (a batch's responses so far), or null. */
    public JsonObject details() {
        return details;
    }

    /** The same refusal with extra fields for the error payload. */
    public RequestException withDetails(JsonObject details) {
        return new RequestException(code, getMessage(), details);
    }
}
