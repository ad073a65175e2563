package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.cardsync.agent.reader.ReaderDirectory;
import org.cardsync.agent.reader.ReaderInfo;

/** {@code list-readers}: every reader, PC/SC and simulated, with who holds it. */
final class ListReadersHandler implements RequestHandler {

    private final Vertx vertx;
    private final ReaderDirectory directory;
    private final ReaderLeases leases;

    ListReadersHandler(Vertx vertx, ReaderDirectory directory, ReaderLeases leases) {
        this.vertx = vertx;
        this.directory = directory;
        this.leases = leases;
    }

    @Override
    public Future<JsonObject> handle(JsonObject payload, Page page) {
        // Listing asks PC/SC: on a worker. The leases are read back on the event loop, where they live.
        return vertx.executeBlocking(directory::list, false).map(readers -> {
            JsonArray list = new JsonArray();
            for (ReaderInfo r : readers) {
                PageLease holder = leases.holder(r.name());
                list.add(new JsonObject()
                        .put("name", r.name())
                        .put("cardPresent", r.cardPresent())
                        .put("simulated", r.simulated())
                        .put("inUse", holder != null)
                        .put("heldByYou", holder == page.lease()));
            }
            return new JsonObject().put("readers", list);
        });
    }
}
