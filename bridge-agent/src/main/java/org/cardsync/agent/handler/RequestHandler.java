package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cardsync.agent.wire.RequestException;

/**
 * The handler of one request type (docs/agent-protocol.md section 3). It gets the request's payload and
 * the page that sent it, never the page's socket, and returns the result payload or refuses with a coded
 * error. Called on the agent's event loop: anything that blocks (PC/SC, the simulated card) runs on a
 * worker.
 */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @return the result payload; a future failed with a {@link RequestException} becomes that error reply
     * @throws RequestException when the request is refused before anything ran
     */
    Future<JsonObject> handle(JsonObject payload, Page page) throws RequestException;
}
