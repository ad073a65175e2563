package org.cardsync.agent.server;

import io.vertx.core.http.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Puts a page's frames together into messages, strictly: a message (all its fragments) larger than the
 * limit ends the connection with 1009 as soon as it is too big, instead of being buffered (memory
 * exhaustion) or dropped without a word; a text message that is not valid UTF-8 ends it with 1007
 * (RFC 6455 8.1) instead of reaching the JSON parser with replacement characters. One per connection,
 * on its event loop.
 */
final class MessageAssembler {

    /** What a frame completed. */
    sealed interface Outcome permits Text, Binary, Pending, Close {
    }

    /** A whole, valid text message. */
    record Text(String text) implements Outcome {
    }

    /** A whole binary message (its content is not kept: the protocol has none). */
    record Binary() implements Outcome {
    }

    /** More fragments to come, or a control frame. */
    record Pending() implements Outcome {
    }

    /** The connection must close with this status (RFC 6455 7.4.1). */
    record Close(short status, String reason) implements Outcome {
    }

    static final short PROTOCOL_ERROR = 1002;
    static final short INVALID_PAYLOAD = 1007;
    static final short MESSAGE_TOO_BIG = 1009;

    private final int maxMessageBytes;
    private ByteArrayOutputStream text;
    private boolean inBinary;
    private long size;

    MessageAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    Outcome add(WebSocketFrame frame) {
        if (frame.isText() || frame.isBinary()) {
            if (text != null || inBinary) {
                return new Close(PROTOCOL_ERROR, "new message before the last one ended");
            }
            size = 0;
            if (frame.isText()) {
                text = new ByteArrayOutputStream();
            } else {
                inBinary = true;
            }
        } else if (frame.isContinuation()) {
            if (text == null && !inBinary) {
                return new Close(PROTOCOL_ERROR, "continuation frame without a message");
            }
        } else {
            return new Pending(); // ping, pong, close: Vert.x answers them
        }
        byte[] data = frame.binaryData().getBytes();
        size += data.length;
        if (size > maxMessageBytes) {
            text = null;
            inBinary = false;
            return new Close(MESSAGE_TOO_BIG, "message larger than " + maxMessageBytes + " bytes");
        }
        if (text != null) {
            text.write(data, 0, data.length);
        }
        if (!frame.isFinal()) {
            return new Pending();
        }
        if (inBinary) {
            inBinary = false;
            return new Binary();
        }
        byte[] whole = text.toByteArray();
        text = null;
        try {
            return new Text(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(whole)).toString());
        } catch (CharacterCodingException e) {
            return new Close(INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
    }
}
