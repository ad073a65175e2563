package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * {@code transmit-batch}: up to {@code maxBatch} command APDUs, all checked before the first is sent,
 * run in order on the page's card until one answers a status word the page did not accept.
 */
final class TransmitBatchHandler implements RequestHandler {

    private final int maxBatch;

    TransmitBatchHandler(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) throws RequestException {
        List<CommandApdu> commands = parseApdus(payload.getValue("apdus"));
        StatusWordPatterns accept = StatusWordPatterns.parse(payload.getValue("acceptSw"));
        PageLease lease = page.lease();
        PageLease.HeldCard card = lease.requireHeld();
        List<ResponseApdu> responses = new ArrayList<>();
        return card.exchange(exchange -> {
            for (CommandApdu command : commands) {
                // The page let go of the card (it was pulled out, or the page disconnected): send nothing more,
                // and say why rather than answer a result that looks as if the card had stopped the batch.
                lease.requireStillHeld(card);
                ResponseApdu response = exchange.transmit(command);
                synchronized (responses) {
                    responses.add(response);
                }
                if (!accept.accepts(response.swHex())) {
                    break;
                }
            }
            return null;
        }).transform(result -> {
            JsonArray done = new JsonArray();
            synchronized (responses) {
                responses.forEach(r -> done.add(PayloadFields.responseJson(r)));
            }
            if (result.failed()) {
                Throwable cause = ReaderErrors.toWire(result.cause());
                if (cause instanceof RequestException refusal) {
                    // What did run is a hint for the display (the card's counter is the fact).
                    cause = refusal.withDetails(new JsonObject().put("responses", done));
                }
                Throwable reply = cause;
                return lease.cardFailed(card, result.cause()).transform(settled -> Future.failedFuture(reply));
            }
            boolean complete = responses.size() == commands.size()
                    && accept.accepts(responses.get(responses.size() - 1).swHex());
            return Future.succeededFuture(new JsonObject().put("responses", done).put("complete", complete));
        });
    }

    /** Every APDU of the batch, all checked before the first is sent: a batch with a bad APDU sends nothing. */
    private List<CommandApdu> parseApdus(Object raw) throws RequestException {
        if (!(raw instanceof JsonArray apdus) || apdus.isEmpty() || apdus.size() > maxBatch) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE, "\"apdus\" must be an array of 1 to " + maxBatch
                    + " hex strings");
        }
        List<CommandApdu> commands = new ArrayList<>();
        for (int i = 0; i < apdus.size(); i++) {
            if (!(apdus.getValue(i) instanceof String hex)) {
                throw new RequestException(ErrorCode.INVALID_MESSAGE, "apdus[" + i + "] must be a hex string");
            }
            commands.add(PayloadFields.parseApdu(hex, "apdus[" + i + "]"));
        }
        return commands;
    }
}
