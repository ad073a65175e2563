package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * {@code disconnect}: the page lets go of its reader, by default resetting the card so that the next
 * holder finds no session state; after a {@code CARD_REMOVED} it acknowledges the loss.
 */
final class DisconnectHandler implements RequestHandler {

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) throws RequestException {
        Object rawReset = payload.getValue("reset", Boolean.TRUE);
        if (!(rawReset instanceof Boolean reset)) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"reset\" must be true or false");
        }
        return page.lease().disconnect(reset).map(d -> new JsonObject().put("reader", d.reader())
                .put("cardRemoved", d.cardRemoved()));
    }
}
