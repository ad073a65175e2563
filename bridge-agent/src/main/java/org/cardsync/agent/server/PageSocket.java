package org.cardsync.agent.server;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cardsync.agent.handler.Page;
import org.cardsync.agent.handler.RequestHandlers;
import org.cardsync.agent.wire.Envelope;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.InvalidEnvelopeException;
import org.cardsync.agent.wire.RequestException;

/**
 * One page's WebSocket, on the agent's event loop: each text frame is parsed as an {@link Envelope},
 * handed to the handler of its type and answered with the request's id. {@link #send} is the only place
 * the agent writes a frame.
 */
final class PageSocket {

    private static final Logger LOG = Logger.getLogger(PageSocket.class.getName());

    private final ServerWebSocket ws;
    private final Page page;
    private final RequestHandlers handlers;
    private final String origin;
    private final MessageAssembler messages;
    private volatile boolean closed;
    /** Set once the agent sent its close frame: nothing the page sends after that runs. */
    private volatile boolean closing;

    PageSocket(ServerWebSocket ws, Page page, RequestHandlers handlers, String origin, int maxMessageBytes) {
        this.ws = ws;
        this.page = page;
        this.handlers = handlers;
        this.origin = origin;
        this.messages = new MessageAssembler(maxMessageBytes);
        ws.frameHandler(this::onFrame);
        ws.exceptionHandler(this::onException);
    }

    /** The origin the page connected from (its handshake's Origin header). */
    String origin() {
        return origin;
    }

    private void onFrame(WebSocketFrame frame) {
        // Vert.x still hands over the frames that arrive after our close frame. A page (or a local program)
        // that ignores the close would otherwise keep driving the card until the closing timeout drops TCP.
        if (closing) {
            return;
        }
        MessageAssembler.Outcome outcome = messages.add(frame);
        if (outcome instanceof MessageAssembler.Text t) {
            onText(t.text());
        } else if (outcome instanceof MessageAssembler.Binary) {
            onBinary();
        } else if (outcome instanceof MessageAssembler.Close c) {
            closeConnection(c.status(), c.reason());
        }
    }

    private void onException(Throwable e) {
        // Netty refuses a single frame over the limit before it is buffered, but Vert.x (closeOnProtocolViolation
        // off) would then drop the connection without the close code the page needs to tell what happened.
        if (e instanceof CorruptedWebSocketFrameException corrupt && corrupt.closeStatus() != null) {
            closeConnection((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
            return;
        }
        LOG.log(Level.FINE, page + ": " + e.getMessage(), e);
    }

    /**
     * Ends the WebSocket with a close frame carrying {@code status} and lets the card go at once (reset and
     * released), without waiting for the page's answer: a revoked or misbehaving page gets no further command
     * run, and Vert.x drops the TCP connection after the server's closing timeout if the page never answers.
     */
    void closeConnection(short status, String reason) {
        if (closing) {
            return; // one log line per connection, however many frames follow
        }
        closing = true;
        LOG.info(page + ": closing with " + status + " (" + reason + ")");
        if (!ws.isClosed()) {
            ws.close(status, reason);
        }
        close();
    }

    private void onBinary() {
        send(Envelope.error(null, ErrorCode.INVALID_MESSAGE, "binary frames are not part of the protocol;"
                + " send JSON text"));
    }

    private void onText(String text) {
        Envelope request;
        try {
            request = Envelope.parse(text);
        } catch (InvalidEnvelopeException e) {
            send(e.reply());
            return;
        }
        handlers.handle(request.type(), request.payload(), page).onComplete(result -> send(result.succeeded()
                ? Envelope.result(request.id(), request.type(), result.result())
                : failure(request.id(), result.cause())));
    }

    private Envelope failure(String id, Throwable cause) {
        if (cause instanceof RequestException refusal) {
            return Envelope.error(id, refusal);
        }
        // Never a class name or stack trace to a page; the log has them.
        LOG.log(Level.WARNING, page + ": request " + id + " failed", cause);
        return Envelope.error(id, ErrorCode.INTERNAL_ERROR, "the agent failed; see its log");
    }

    /** Writes one message to the page, unless it went away or is being closed. */
    void send(Envelope message) {
        if (!closing && !closed && !ws.isClosed()) {
            ws.writeTextMessage(message.encode());
        }
    }

    /** The page went away (or the agent stops): nothing more is sent, and its card is reset and let go. */
    Future<Void> close() {
        closed = true;
        return page.lease().close();
    }

    @Override
    public String toString() {
        return page.toString();
    }
}
