package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cardsync.agent.sim.TestCards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated card pulled out at the very moment a transmit-batch starts, again and again: every batch the pull
 * cut short must say CARD_REMOVED, never a result (which a page reads as "the card stopped the script").
 */
@ExtendWith(VertxExtension.class)
class AgentCardPullRaceTest {

    private static final int TRIES = 200;
    private static final String READER = AgentFixture.READER;
    /** INCREMENT of the test applet: a batch of them takes a while, so the pull lands before, in or after it. */
    private static final String INCREMENT = "8004000002";
    private static final int BATCH = 8;

    @TempDir
    Path stateDir;

    @Test
    void cardPulledAsABatchStarts_everyCutBatchIsCardRemoved() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AgentFixture agent = await(AgentFixture.deploy(vertx, stateDir));
            // The client is used on one context, as a page's script runs on one thread.
            Context loop = vertx.getOrCreateContext();
            AgentClient page = on(loop, () -> agent.page(vertx));
            JsonObject batch = new JsonObject().put("apdus", new JsonArray(java.util.Collections.nCopies(BATCH, INCREMENT)));
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < TRIES; i++) {
                JsonObject answer = on(loop, () -> page.call("connect", new JsonObject().put("reader", READER))
                        .compose(c -> page.call("transmit", new JsonObject().put("apdu", TestCards.selectApdu())))
                        .compose(s -> {
                            // Both frames leave at once: the agent queues the batch on the card's worker, the pull
                            // on another.
                            Future<JsonObject> reply = page.request("transmit-batch", batch);
                            return Future.all(reply, page.call("sim-remove", null)).map(both -> reply.result());
                        }));
                String outcome = outcome(answer);
                outcomes.merge(outcome, 1, Integer::sum);
                if (!outcome.equals("complete") && !outcome.equals("CARD_REMOVED")) {
                    wrong.add(answer.encode());
                }
                on(loop, () -> page.call("disconnect", null).compose(d -> page.call("sim-insert", null)));
            }
            System.out.println("SECURITY agent-pull-race: " + TRIES + " transmit-batches raced by a card pull: "
                    + outcomes.getOrDefault("CARD_REMOVED", 0) + " answered CARD_REMOVED, "
                    + outcomes.getOrDefault("complete", 0) + " completed before the pull, " + wrong.size()
                    + " answered anything else");
            assertThat(wrong).as("batches cut by the pull that did not say CARD_REMOVED: %s", outcomes).isEmpty();
            assertThat(outcomes.getOrDefault("CARD_REMOVED", 0)).as("the pull did cut batches").isPositive();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** "complete", an error's code, or a description of an incomplete result. */
    private static String outcome(JsonObject answer) {
        JsonObject payload = answer.getJsonObject("payload");
        if ("error".equals(answer.getString("type"))) {
            return payload.getString("code");
        }
        return payload.getBoolean("complete") ? "complete"
                : "incomplete after " + payload.getJsonArray("responses").size();
    }

    private static <T> T on(Context context, Supplier<Future<T>> action) throws Exception {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(done));
        return await(done.future());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
