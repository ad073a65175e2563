package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.cardsync.agent.sim.SimulatedReaderSource;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/**
 * {@code sim-insert} and {@code sim-remove}: puts the simulated card into its reader or pulls it out, as
 * a demo or a test does in the middle of a script; {@code sim-remove} with {@code afterExecutes} arms a removal
 * right after the card's n-th EXECUTE from now. One instance per request type.
 */
final class SimulatedCardHandler implements RequestHandler {

    private final Vertx vertx;
    /** The simulated reader, or null when the agent runs without one. */
    private final SimulatedReaderSource simulated;
    private final boolean insert;

    private SimulatedCardHandler(Vertx vertx, SimulatedReaderSource simulated, boolean insert) {
        this.vertx = vertx;
        this.simulated = simulated;
        this.insert = insert;
    }

    static SimulatedCardHandler insert(Vertx vertx, SimulatedReaderSource simulated) {
        return new SimulatedCardHandler(vertx, simulated, true);
    }

    static SimulatedCardHandler remove(Vertx vertx, SimulatedReaderSource simulated) {
        return new SimulatedCardHandler(vertx, simulated, false);
    }

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) throws RequestException {
        if (simulated == null) {
            throw new RequestException(ErrorCode.SIMULATION_OFF, "the agent runs without a simulated card"
                    + " (start it with --simulated-card)");
        }
        Integer afterExecutes = insert ? null : afterExecutes(payload);
        if (afterExecutes != null) {
            simulated.removeAfterExecutes(afterExecutes);
            return Future.succeededFuture(reply(false).put("afterExecutes", afterExecutes));
        }
        // Removal waits for a command running on the card and journals the power cut: on a worker.
        return vertx.executeBlocking(() -> insert ? simulated.insert() : simulated.remove(), false)
                .map(this::reply);
    }

    private JsonObject reply(boolean changed) {
        return new JsonObject().put("reader", SimulatedReaderSource.READER_NAME)
                .put("cardPresent", simulated.list().get(0).cardPresent())
                .put("changed", changed);
    }

    /** sim-remove's optional {@code afterExecutes}: a whole number from 1 up, or null when absent. */
    private static Integer afterExecutes(JsonObject payload) throws RequestException {
        Object value = payload.getValue("afterExecutes");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer n) || n < 1) {
            throw new RequestException(ErrorCode.INVALID_MESSAGE,
                    "\"afterExecutes\" must be a whole number of EXECUTE commands, at least 1");
        }
        return n;
    }
}
