package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cardsync.agent.sim.TestCards;
import org.cardsync.agent.testapplet.EchoApplet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Pulling the simulated card out and pushing it back, as a demo or a test does mid-script. */
@ExtendWith(VertxExtension.class)
class AgentSimulatedCardTest {

    private static final String READER = AgentFixture.READER;

    @TempDir
    Path stateDir;

    private static JsonObject apdu(String hex) {
        return new JsonObject().put("apdu", hex);
    }

    @Test
    void simRemoveThenInsert_sendsCardRemovedAndCardInsertedEventsToEveryPage(Vertx vertx, VertxTestContext ctx) {
        Checkpoint watcherSawRemoval = ctx.checkpoint();
        Checkpoint watcherSawInsertion = ctx.checkpoint();
        Checkpoint actorDone = ctx.checkpoint();
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(watcher -> {
            watcher.event("card-removed", READER).onComplete(ctx.succeeding(e -> watcherSawRemoval.flag()));
            watcher.event("card-inserted", READER).onComplete(ctx.succeeding(e -> watcherSawInsertion.flag()));
            return agent.page(vertx);
        })).compose(actor -> actor.call("sim-remove", null).compose(removed -> {
            assertThat(removed.getBoolean("cardPresent")).isFalse();
            assertThat(removed.getBoolean("changed")).isTrue();
            return actor.event("card-removed", READER);
        }).compose(e -> actor.call("list-readers", null)).compose(list -> {
            assertThat(list.getJsonArray("readers").getJsonObject(0).getBoolean("cardPresent")).isFalse();
            return actor.request("connect", new JsonObject().put("reader", READER));
        }).compose(noCard -> {
            assertThat(noCard.getJsonObject("payload").getString("code")).isEqualTo("NO_CARD");
            return actor.call("sim-insert", null);
        }).compose(inserted -> {
            assertThat(inserted.getBoolean("cardPresent")).isTrue();
            return actor.event("card-inserted", READER);
        }).compose(e -> actor.call("connect", new JsonObject().put("reader", READER))))
                .onComplete(ctx.succeeding(connected -> actorDone.flag()));
    }

    @Test
    void cardRemovedDuringATransmit_failsThatTransmitAndTheNextWithCardRemoved(Vertx vertx, VertxTestContext ctx) {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        EchoApplet.entered = entered;
        EchoApplet.release = release;
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(holder -> holder
                .call("connect", new JsonObject().put("reader", READER))
                .compose(c -> holder.call("transmit", apdu(TestCards.selectApdu())))
                .compose(s -> {
                    // INS 07 blocks inside the card until the test releases it.
                    Future<JsonObject> inFlight = holder.request("transmit", apdu("80070000"));
                    return vertx.executeBlocking(() -> entered.await(30, TimeUnit.SECONDS))
                            .compose(ok -> {
                                assertThat(ok).as("the blocking command reached the card").isTrue();
                                return agent.page(vertx);
                            })
                            .compose(demo -> {
                                Future<JsonObject> removal = demo.call("sim-remove", null);
                                return holder.event("card-removed", READER).map(removal);
                            })
                            .compose(removal -> {
                                release.countDown();
                                return Future.all(inFlight, removal).map(all -> inFlight.result());
                            });
                })
                .compose(inFlightReply -> {
                    assertThat(inFlightReply.getString("type")).isEqualTo("error");
                    assertThat(inFlightReply.getJsonObject("payload").getString("code")).isEqualTo("CARD_REMOVED");
                    return holder.request("transmit", apdu("8005000000"));
                })))
                .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
                    assertThat(next.getJsonObject("payload").getString("code")).isEqualTo("CARD_REMOVED");
                    assertThat(next.getJsonObject("payload").getString("message")).contains("connect again");
                    ctx.completeNow();
                })));
    }

    @Test
    void removalAndReinsertion_clearsTransientStateButKeepsPersistentState(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(page -> page
                .call("connect", new JsonObject().put("reader", READER))
                .compose(c -> page.call("transmit", apdu(TestCards.selectApdu())))
                .compose(s -> page.call("transmit-batch", new JsonObject().put("apdus",
                        new io.vertx.core.json.JsonArray(List.of("8004000002", "80060100")))))
                .compose(b -> page.call("sim-remove", null))
                .compose(r -> page.call("sim-insert", null))
                .compose(i -> page.call("disconnect", null))
                .compose(d -> {
                    assertThat(d.getBoolean("cardRemoved")).isTrue();
                    return page.call("connect", new JsonObject().put("reader", READER));
                })
                .compose(c -> page.call("transmit", apdu(TestCards.selectApdu())))
                .compose(s -> page.call("transmit", apdu("8005000000")))))
                .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
                    assertThat(read.getString("response")).isEqualTo("000100CAFE9000");
                    ctx.completeNow();
                })));
    }

    @Test
    void simRemoveAfterExecutes_pullsTheCardRightAfterTheNthExecute_keepingWhatRanBefore(Vertx vertx,
            VertxTestContext ctx) {
        // EXECUTE is 80 42 (docs/protocol.md); the test applet does not know it and answers 6D00, which still is a
        // command the card carried out. INCREMENT (80 04) between them shows where the cut fell.
        String increment = "8004000002";
        String execute = "8042000001AA";
        Checkpoint watcherSawRemoval = ctx.checkpoint();
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(watcher -> {
            watcher.event("card-removed", READER).onComplete(ctx.succeeding(e -> watcherSawRemoval.flag()));
            return agent.page(vertx);
        }).compose(holder -> holder.call("sim-remove", new JsonObject().put("afterExecutes", 2))
                .compose(armed -> {
                    ctx.verify(() -> {
                        assertThat(armed.getBoolean("cardPresent")).as("armed, not pulled yet").isTrue();
                        assertThat(armed.getBoolean("changed")).isFalse();
                        assertThat(armed.getInteger("afterExecutes")).isEqualTo(2);
                    });
                    return holder.call("connect", new JsonObject().put("reader", READER));
                })
                .compose(c -> holder.call("transmit", apdu(TestCards.selectApdu())))
                .compose(s -> holder.request("transmit-batch", new JsonObject()
                        .put("apdus", new io.vertx.core.json.JsonArray(
                                List.of(increment, execute, increment, execute, increment)))
                        .put("acceptSw", new io.vertx.core.json.JsonArray(List.of("XXXX")))))
                .compose(cut -> {
                    ctx.verify(() -> {
                        assertThat(cut.getString("type")).isEqualTo("error");
                        JsonObject error = cut.getJsonObject("payload");
                        assertThat(error.getString("code")).isEqualTo("CARD_REMOVED");
                        assertThat(error.getJsonArray("responses")).as("the answers before the second EXECUTE's,"
                                + " which was lost").hasSize(3);
                    });
                    return holder.event("card-removed", READER);
                })
                .compose(e -> holder.call("list-readers", null))
                .compose(list -> {
                    ctx.verify(() -> assertThat(list.getJsonArray("readers").getJsonObject(0)
                            .getBoolean("cardPresent")).isFalse());
                    return holder.call("sim-insert", null);
                })
                .compose(i -> holder.call("disconnect", null))
                .compose(d -> holder.call("connect", new JsonObject().put("reader", READER)))
                .compose(c -> holder.call("transmit", apdu(TestCards.selectApdu())))
                .compose(s -> holder.call("transmit", apdu("8005000000")))))
                .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
                    // Two INCREMENTs ran (the card keeps them), the third came after the cut and never reached it.
                    assertThat(read.getString("response")).startsWith("0002");
                    ctx.completeNow();
                })));
    }

    @Test
    void simRemoveAfterExecutes_notAWholeNumberFromOne_isRefusedAndArmsNothing(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx))
                .compose(page -> page.request("sim-remove", new JsonObject().put("afterExecutes", 0))
                        .compose(zero -> {
                            ctx.verify(() -> assertThat(zero.getJsonObject("payload").getString("code"))
                                    .isEqualTo("INVALID_MESSAGE"));
                            return page.request("sim-remove", new JsonObject().put("afterExecutes", 1.5));
                        })
                        .compose(fraction -> {
                            ctx.verify(() -> assertThat(fraction.getJsonObject("payload").getString("code"))
                                    .isEqualTo("INVALID_MESSAGE"));
                            return page.call("connect", new JsonObject().put("reader", READER));
                        })
                        .compose(c -> page.call("transmit", apdu(TestCards.selectApdu())))
                        .compose(s -> page.call("transmit", apdu("8042000001AA"))))
                .onComplete(ctx.succeeding(executed -> ctx.verify(() -> {
                    assertThat(executed.getString("sw")).as("nothing was armed: the card stays").isEqualTo("6D00");
                    ctx.completeNow();
                })));
    }

    @Test
    void disconnectWithoutReset_neverHandsTheOpenSessionToAnotherPage(Vertx vertx, VertxTestContext ctx) {
        JsonObject reader = new JsonObject().put("reader", READER);
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(first -> agent.page(vertx)
                .compose(second -> first.call("connect", reader)
                        .compose(c -> first.call("transmit", apdu(TestCards.selectApdu())))
                        .compose(s -> first.call("disconnect", new JsonObject().put("reset", false)))
                        .compose(d -> second.request("connect", reader))
                        .compose(busy -> {
                            ctx.verify(() -> assertThat(busy.getJsonObject("payload").getString("code"))
                                    .as("the session the first page kept open").isEqualTo("READER_BUSY"));
                            // The first page comes back to its session: its application is still selected.
                            return first.call("connect", reader);
                        })
                        .compose(c -> first.call("transmit", apdu("8005000000")))
                        .compose(read -> {
                            ctx.verify(() -> assertThat(read.getString("sw")).isEqualTo("9000"));
                            return first.call("disconnect", new JsonObject().put("reset", false));
                        })
                        .compose(d -> first.close())
                        .compose(closed -> connectWhenFree(vertx, second, reader))
                        .compose(c -> second.call("transmit", apdu("8005000000"))))))
                .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
                    // jcardsim answers 6986 when no applet is selected: the card was reset when the first page went.
                    assertThat(read.getString("sw")).isEqualTo("6986");
                    ctx.completeNow();
                })));
    }

    /** Connects once the page that went away has been let go of (its card's reset runs on its worker). */
    private static Future<JsonObject> connectWhenFree(Vertx vertx, AgentClient page, JsonObject reader) {
        return page.request("connect", reader).compose(reply -> {
            if (!"error".equals(reply.getString("type"))) {
                return Future.succeededFuture(reply.getJsonObject("payload"));
            }
            if (!"READER_BUSY".equals(reply.getJsonObject("payload").getString("code"))) {
                return Future.failedFuture("connect refused: " + reply.encode());
            }
            io.vertx.core.Promise<JsonObject> later = io.vertx.core.Promise.promise();
            vertx.setTimer(20, t -> connectWhenFree(vertx, page, reader).onComplete(later));
            return later.future();
        });
    }

    @Test
    void simRemove_withoutSimulation_isRefusedAsSimulationOff(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, List.of(), null).compose(agent -> agent.page(vertx))
                .compose(page -> page.request("sim-remove"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertThat(reply.getJsonObject("payload").getString("code")).isEqualTo("SIMULATION_OFF");
                    ctx.completeNow();
                })));
    }
}
