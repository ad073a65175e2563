package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.cardsync.agent.sim.TestCards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Connect, transmit and batch through a real WebSocket to the simulated test card. */
@ExtendWith(VertxExtension.class)
class AgentTransmitTest {

    private static final String READER = AgentFixture.READER;

    @TempDir
    Path stateDir;

    /** A page connected to the simulated reader with the test application selected. */
    private Future<AgentClient> selectedPage(Vertx vertx) {
        return AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx)).compose(page ->
                page.call("connect", new JsonObject().put("reader", READER))
                        .compose(c -> page.call("transmit", apdu(TestCards.selectApdu())))
                        .map(page));
    }

    private static JsonObject apdu(String hex) {
        return new JsonObject().put("apdu", hex);
    }

    private static void assertError(JsonObject reply, String code) {
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("error");
        assertThat(reply.getJsonObject("payload").getString("code")).isEqualTo(code);
    }

    @Test
    void listReaders_showsTheSimulatedReaderWithItsCard(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx))
                .compose(page -> page.call("list-readers", null))
                .onComplete(ctx.succeeding(payload -> ctx.verify(() -> {
                    JsonArray readers = payload.getJsonArray("readers");
                    assertThat(readers).hasSize(1);
                    JsonObject reader = readers.getJsonObject(0);
                    assertThat(reader.getString("name")).isEqualTo(READER);
                    assertThat(reader.getBoolean("cardPresent")).isTrue();
                    assertThat(reader.getBoolean("simulated")).isTrue();
                    assertThat(reader.getBoolean("inUse")).isFalse();
                    ctx.completeNow();
                })));
    }

    @Test
    void connect_returnsTheAtr_andEchoRoundTripsData(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx)).compose(page ->
                page.call("connect", new JsonObject().put("reader", READER)).compose(connected -> {
                    assertThat(connected.getString("atr")).matches("3B[0-9A-F]+");
                    return page.call("transmit", apdu(TestCards.selectApdu()));
                }).compose(selected -> {
                    assertThat(selected.getString("sw")).isEqualTo("9000");
                    return page.call("transmit", apdu("8001000003AABBCC00"));
                })).onComplete(ctx.succeeding(echo -> ctx.verify(() -> {
                    assertThat(echo.getString("response")).isEqualTo("AABBCC9000");
                    assertThat(echo.getString("sw")).isEqualTo("9000");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_withOddLengthHex_isRefusedAsInvalidApdu(Vertx vertx, VertxTestContext ctx) {
        selectedPage(vertx).compose(page -> page.request("transmit", apdu("8001000")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "INVALID_APDU");
                    assertThat(reply.getJsonObject("payload").getString("message")).contains("odd");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_withNonHexCharacters_isRefusedAsInvalidApdu(Vertx vertx, VertxTestContext ctx) {
        selectedPage(vertx).compose(page -> page.request("transmit", apdu("80010000ZZ")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "INVALID_APDU");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_withLcDisagreeingWithTheData_isRefusedAsInvalidApdu(Vertx vertx, VertxTestContext ctx) {
        selectedPage(vertx).compose(page -> page.request("transmit", apdu("8001000005AABBCC")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "INVALID_APDU");
                    assertThat(reply.getJsonObject("payload").getString("message")).contains("Lc");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_longerThanTheLargestExtendedApdu_isRefusedAsInvalidApdu(Vertx vertx, VertxTestContext ctx) {
        String oversized = "80010000" + "00FFFF" + "AB".repeat(65_536) + "0000";
        selectedPage(vertx).compose(page -> page.request("transmit", apdu(oversized)))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "INVALID_APDU");
                    assertThat(reply.getJsonObject("payload").getString("message")).contains("longer");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_shorterThanAHeader_isRefusedAsInvalidApdu(Vertx vertx, VertxTestContext ctx) {
        selectedPage(vertx).compose(page -> page.request("transmit", apdu("8001")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "INVALID_APDU");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_withoutConnecting_isRefusedAsNotConnected(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx))
                .compose(page -> page.request("transmit", apdu("80010000")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "NOT_CONNECTED");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_whenCardAnswers61xx_returnsTheWholeResponseFetchedWithGetResponse(Vertx vertx,
            VertxTestContext ctx) {
        // INS 02 with P1P2 = 0130: 304 bytes, fetched as 6100 (256) then 6130 (48).
        selectedPage(vertx).compose(page -> page.call("transmit", apdu("80020130")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertThat(reply.getString("sw")).isEqualTo("9000");
                    String response = reply.getString("response");
                    assertThat(response).hasSize(2 * (304 + 2));
                    StringBuilder expected = new StringBuilder();
                    for (int i = 0; i < 304; i++) {
                        expected.append(String.format("%02X", i & 0xFF));
                    }
                    assertThat(response).isEqualTo(expected + "9000");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmit_whenCardAnswers6Cxx_resendsWithTheRightLe(Vertx vertx, VertxTestContext ctx) {
        // INS 03 wants Le = 10 exactly; the page asks for 05 and gets the 16 bytes anyway.
        selectedPage(vertx).compose(page -> page.call("transmit", apdu("8003000005")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertThat(reply.getString("response")).isEqualTo("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF9000");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmitBatch_stopsAtTheFirstStatusWordOutsideTheAcceptedSet(Vertx vertx, VertxTestContext ctx) {
        JsonObject batch = new JsonObject()
                .put("apdus", new JsonArray().add("8004000002").add("80086A82").add("8004000002"))
                .put("acceptSw", new JsonArray().add("9000"));
        selectedPage(vertx).compose(page -> page.call("transmit-batch", batch)
                .compose(result -> {
                    assertThat(result.getBoolean("complete")).isFalse();
                    JsonArray responses = result.getJsonArray("responses");
                    assertThat(responses).hasSize(2);
                    assertThat(responses.getJsonObject(0).getString("response")).isEqualTo("00019000");
                    assertThat(responses.getJsonObject(1).getString("sw")).isEqualTo("6A82");
                    return page.call("transmit", apdu("8004000002"));
                })).onComplete(ctx.succeeding(next -> ctx.verify(() -> {
                    // The third command of the batch never ran: the counter went from 1 to 2, not 3.
                    assertThat(next.getString("response")).isEqualTo("00029000");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmitBatch_withWildcardAcceptedSet_runsToTheEnd(Vertx vertx, VertxTestContext ctx) {
        JsonObject batch = new JsonObject()
                .put("apdus", new JsonArray().add("8004000002").add("800863C2").add("8004000002"))
                .put("acceptSw", new JsonArray().add("9000").add("63CX"));
        selectedPage(vertx).compose(page -> page.call("transmit-batch", batch))
                .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
                    assertThat(result.getBoolean("complete")).isTrue();
                    assertThat(result.getJsonArray("responses")).hasSize(3);
                    assertThat(result.getJsonArray("responses").getJsonObject(2).getString("response"))
                            .isEqualTo("00029000");
                    ctx.completeNow();
                })));
    }

    @Test
    void transmitBatch_withOneMalformedApdu_sendsNothing(Vertx vertx, VertxTestContext ctx) {
        JsonObject batch = new JsonObject().put("apdus", new JsonArray().add("8004000002").add("800400"));
        selectedPage(vertx).compose(page -> page.request("transmit-batch", batch).compose(reply -> {
            assertError(reply, "INVALID_APDU");
            assertThat(reply.getJsonObject("payload").getString("message")).startsWith("apdus[1]");
            return page.call("transmit", apdu("8004000002"));
        })).onComplete(ctx.succeeding(next -> ctx.verify(() -> {
            assertThat(next.getString("response")).isEqualTo("00019000");
            ctx.completeNow();
        })));
    }

    @Test
    void connect_toAReaderHeldByAnotherPage_isRefusedAsBusy_untilItDisconnects(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(first ->
                first.call("connect", new JsonObject().put("reader", READER))
                        .compose(c -> agent.page(vertx))
                        .compose(second -> second.request("connect", new JsonObject().put("reader", READER))
                                .compose(busy -> {
                                    assertError(busy, "READER_BUSY");
                                    return second.call("list-readers", null);
                                })
                                .compose(list -> {
                                    JsonObject r = list.getJsonArray("readers").getJsonObject(0);
                                    assertThat(r.getBoolean("inUse")).isTrue();
                                    assertThat(r.getBoolean("heldByYou")).isFalse();
                                    return first.call("disconnect", null);
                                })
                                .compose(d -> second.call("connect", new JsonObject().put("reader", READER))))))
                .onComplete(ctx.succeeding(connected -> ctx.verify(() -> {
                    assertThat(connected.getString("reader")).isEqualTo(READER);
                    ctx.completeNow();
                })));
    }

    @Test
    void connect_afterTheHolderClosedItsSocket_succeeds(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx).compose(first ->
                first.call("connect", new JsonObject().put("reader", READER))
                        .compose(c -> first.close())
                        .compose(closed -> agent.page(vertx))
                        .compose(second -> second.call("connect", new JsonObject().put("reader", READER)))))
                .onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void connect_sentTwiceBeforeTheFirstAnswers_refusesTheSecond_andLeavesNoReaderLeased(Vertx vertx,
                                                                                       VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx)).compose(page -> {
            Future<JsonObject> first = page.request("connect", new JsonObject().put("reader", READER));
            Future<JsonObject> second = page.request("connect", new JsonObject().put("reader", READER));
            return Future.all(first, second).compose(both -> {
                assertThat(first.result().getString("type")).as(first.result().encode()).isEqualTo("connect");
                assertError(second.result(), "ALREADY_CONNECTED");
                return page.call("disconnect", null);
            }).compose(d -> page.call("list-readers", null));
        }).onComplete(ctx.succeeding(list -> ctx.verify(() -> {
            assertThat(list.getJsonArray("readers").getJsonObject(0).getBoolean("inUse")).isFalse();
            ctx.completeNow();
        })));
    }

    @Test
    void connect_twice_isRefusedAsAlreadyConnected(Vertx vertx, VertxTestContext ctx) {
        selectedPage(vertx).compose(page -> page.request("connect", new JsonObject().put("reader", READER)))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "ALREADY_CONNECTED");
                    ctx.completeNow();
                })));
    }

    @Test
    void connect_toAnUnknownReader_isRefusedAsNoSuchReader(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx))
                .compose(page -> page.request("connect", new JsonObject().put("reader", "Nope 00 00")))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "NO_SUCH_READER");
                    ctx.completeNow();
                })));
    }

    @Test
    void disconnect_resetsTheCard_soTheNextHolderFindsNoSessionState(Vertx vertx, VertxTestContext ctx) {
        selectedPage(vertx).compose(page -> page.call("transmit", apdu("80060100"))
                .compose(flagSet -> page.call("disconnect", null))
                .compose(d -> page.call("connect", new JsonObject().put("reader", READER)))
                .compose(c -> page.call("transmit", apdu(TestCards.selectApdu())))
                .compose(s -> page.call("transmit", apdu("8005000000"))))
                .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
                    // counter 0000, transient flag 00 (cleared by the reset), personalisation CAFE
                    assertThat(read.getString("response")).isEqualTo("000000CAFE9000");
                    ctx.completeNow();
                })));
    }

    @Test
    void disconnect_withoutAReader_isRefusedAsNotConnected(Vertx vertx, VertxTestContext ctx) {
        AgentFixture.deploy(vertx, stateDir).compose(agent -> agent.page(vertx))
                .compose(page -> page.request("disconnect"))
                .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
                    assertError(reply, "NOT_CONNECTED");
                    ctx.completeNow();
                })));
    }
}
