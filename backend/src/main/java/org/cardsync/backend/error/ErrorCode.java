package org.cardsync.backend.error;

/**
 * The closed set of error codes a client can receive, each with its HTTP status (docs/api.md). JSON carries
 * the constant's name; the OpenAPI document lists them as an enum.
 */
public enum ErrorCode {
    MALFORMED_MESSAGE(400, "The message is not valid hex or does not follow docs/protocol.md."),
    UNSUPPORTED_VERSION(400, "The message's format version is not supported."),
    WRONG_MESSAGE_TYPE(400, "The message type does not match this endpoint."),
    INVALID_REQUEST(400, "The request is invalid."),
    UNKNOWN_CARD(404, "No such card application is registered."),
    NOT_FOUND(404, "Not found."),
    BAD_MAC(403, "The card's MAC does not verify."),
    FORBIDDEN(403, "You may not access this resource."),
    NOT_SIGNED_IN(401, "You are not signed in, or your session has ended. Please sign in."),
    SIGN_IN_FAILED(401, "The user name or password is not right."),
    TOO_MANY_ATTEMPTS(429, "Too many failed sign-ins. Please wait a while, then try again."),
    TOO_MANY_REQUESTS(429, "Too many requests from this terminal. Wait a moment, then try again."),
    CSRF_TOKEN_INVALID(403, "The request did not carry this page's security token. Reload the page and try again."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body must be JSON, sent with Content-Type: application/json."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    METHOD_NOT_ALLOWED(405, "This address does not accept that method."),
    STALE_ATC(409, "The message's ATC is not newer than the last accepted one (replayed or delayed)."),
    COUNTER_ANOMALY(409, "The card's signed counter or action chain contradicts the server's record; the card application is frozen."),
    INVALID_STATE(409, "The resource is not in a state that allows this."),
    CONFLICT(409, "The resource already exists."),
    APPLICATION_FROZEN(423, "The card application is frozen; the helpdesk must review it."),
    // the customer portal (docs/api.md, "Portal API")
    AMOUNT_OVER_LIMIT(409, "The amount would take the card over its limit."),
    PARAMETER_NOT_CHANGEABLE(403, "This setting can only be changed by the card issuer."),
    INVALID_PARAMETER_VALUE(400, "This value is not allowed for this setting."),
    UNKNOWN_SERVICE(404, "There is no such service."),
    SERVICE_ALREADY_PRESENT(409, "This service is already on the card or being added."),
    CARD_BLOCKED(409, "The card is blocked: nothing but the block can be done with it now."),
    PAYMENT_NOT_PENDING(409, "This payment is already completed."),
    ACTIVATION_FAILED(403, "The card could not be linked. Check the activation code and try again with the card in the reader."),
    DATABASE_UNAVAILABLE(503, "The service cannot reach its database just now. Please try again in a few seconds."),
    INTERNAL_ERROR(500, "An internal error occurred; it has been logged."),
    // issue 12 (docs/api.md "Rate limits", "Issuing cards")
    CHALLENGES_EXHAUSTED(429, "The server is handing out too many challenges just now. Wait a moment, then try again."),
    CARD_TOO_BUSY(429, "This card has sent too many messages just now. Wait a moment, then try again."),
    UNKNOWN_OWNER(400, "The owner must be the user name of an existing customer account, written exactly as it is.");

    private final int status;
    private final String defaultMessage;

    ErrorCode(int status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    /** The code for a message the protocol codec refused. */
    public static ErrorCode of(org.cardsync.protocol.ProtocolError error) {
        return error == org.cardsync.protocol.ProtocolError.UNSUPPORTED_VERSION ? UNSUPPORTED_VERSION : MALFORMED_MESSAGE;
    }

    /**
     * The code of an HTTP error answered before our code ran (by Vert.x, RESTEasy or security), where its status
     * has one; {@code otherwise} for any other status.
     */
    public static ErrorCode ofHttpStatus(int status, ErrorCode otherwise) {
        return switch (status) {
            case 401 -> NOT_SIGNED_IN;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> otherwise;
        };
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
