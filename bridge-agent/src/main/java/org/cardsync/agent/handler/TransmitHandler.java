package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.agent.wire.RequestException;

/** {@code transmit}: one command APDU to the page's card, procedure status words resolved by the agent. */
final class TransmitHandler implements RequestHandler {

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) throws RequestException {
        CommandApdu command = PayloadFields.requireApdu(payload, "apdu");
        PageLease lease = page.lease();
        PageLease.HeldCard card = lease.requireHeld();
        return card.exchange(exchange -> {
            lease.requireStillHeld(card); // a command queued behind the card's removal is not sent
            return exchange.transmit(command);
        })
                .transform(result -> result.succeeded()
                        ? Future.succeededFuture(PayloadFields.responseJson(result.result()))
                        : lease.cardFailed(card, result.cause()).transform(settled -> Future.failedFuture(result.cause())));
    }
}
