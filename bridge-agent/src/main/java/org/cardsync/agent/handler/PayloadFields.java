package org.cardsync.agent.handler;

import io.vertx.core.json.JsonObject;
import org.cardsync.agent.apdu.CommandApdu;
import org.cardsync.agent.apdu.Hex;
import org.cardsync.agent.apdu.MalformedApduException;
import org.cardsync.agent.apdu.ResponseApdu;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/** The payload fields requests share, checked at the edge with messages that name the field. */
final class PayloadFields {

    private PayloadFields() {
    }

    /** A non-empty string of at most {@code maxLength} characters. */
    static String requireString(JsonObject payload, String field, int maxLength) throws RequestException {
        Object value = payload.getValue(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"" + field + "\" must be a non-empty string");
        }
        if (s.length() > maxLength) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"" + field + "\" is longer than " + maxLength
                    + " characters");
        }
        return s;
    }

    /** The command APDU in hex in {@code field}; an APDU too long for ISO/IEC 7816-4 is refused unread. */
    static CommandApdu requireApdu(JsonObject payload, String field) throws RequestException {
        Object value = payload.getValue(field);
        if (!(value instanceof String hex) || hex.isEmpty()) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"" + field + "\" must be a non-empty string");
        }
        if (hex.length() > 2 * CommandApdu.MAX_LENGTH + 2) {
            throw new RequestException(ErrorCode.INVALID_APDU, field + ": APDU of " + hex.length() / 2
                    + " bytes is longer than the largest extended APDU (" + CommandApdu.MAX_LENGTH + " bytes)");
        }
        return parseApdu(hex, field);
    }

    /** A command APDU in hex, named {@code field} in the error. */
    static CommandApdu parseApdu(String hex, String field) throws RequestException {
        try {
            return CommandApdu.parseHex(hex);
        } catch (MalformedApduException e) {
            throw new RequestException(ErrorCode.INVALID_APDU, field + ": " + e.getMessage());
        }
    }

    /** A response APDU as a result: the whole response and its status word, in upper-case hex. */
    static JsonObject responseJson(ResponseApdu response) {
        return new JsonObject().put("response", Hex.encode(response.bytes())).put("sw", response.swHex());
    }
}
