package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.cardsync.agent.AgentVersion;
import org.cardsync.agent.wire.Envelope;

/** {@code hello}: who the agent is, the protocol it speaks, and the page's origin as the agent saw it. */
final class HelloHandler implements RequestHandler {

    private final boolean simulation;

    HelloHandler(boolean simulation) {
        this.simulation = simulation;
    }

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) {
        return Future.succeededFuture(new JsonObject()
                .put("agent", AgentVersion.AGENT)
                .put("agentVersion", AgentVersion.version())
                .put("protocolVersion", Envelope.VERSION)
                .put("simulation", simulation)
                .put("origin", page.origin()));
    }
}
