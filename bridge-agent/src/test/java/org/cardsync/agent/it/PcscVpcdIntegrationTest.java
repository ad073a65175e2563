package org.cardsync.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cardsync.agent.reader.PcscReaderSource;
import org.cardsync.agent.server.AgentClient;
import org.cardsync.agent.server.AgentFixture;
import org.cardsync.agent.sim.Personalisation;
import org.cardsync.agent.sim.SimulatedCard;
import org.cardsync.agent.sim.VpcdCardHost;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.KeyDerivation;
import org.cardsync.protocol.ScriptCommand;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's real PC/SC path, end to end with no hardware: pcscd with vsmartcard-vpcd, the demo card on
 * the real CardsyncApplet plugged into vpcd by {@link VpcdCardHost}, the agent reading it through
 * javax.smartcardio, and a page driving a session through the agent's WebSocket.
 *
 * <p>The pcscd is this test run's own ({@link PcscStack#startOwn}): one test kills and restarts it.
 */
@ExtendWith(VertxExtension.class)
class PcscVpcdIntegrationTest {

    private static final String READER = PcscStack.VPCD_READER;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static PcscStack stack;

    @TempDir
    Path stateDir;

    private SimulatedCard card;
    private VpcdCardHost host;
    private Personalisation demo;

    @BeforeAll
    static void startPcscd() throws Exception {
        PcscStack.acquireMachineLock();
        stack = PcscStack.startOwn();
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        try {
            if (stack != null) {
                stack.stop();
            }
        } finally {
            PcscStack.releaseMachineLock();
        }
    }

    @AfterEach
    void stopAgentThenRemoveCard(Vertx vertx) throws Exception {
        // The agent first (it disconnects from the card), then the card leaves the reader.
        await(vertx.close());
        if (host != null) {
            host.close();
            PcscStack.awaitCardAbsent(READER);
        }
        if (card != null) {
            card.close();
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** An agent on PC/SC only, a page connected to it, then the demo card put into the vpcd reader. */
    private AgentClient agentWithCardInserted(Vertx vertx) throws Exception {
        AgentFixture agent = await(AgentFixture.deploy(vertx, List.of(new PcscReaderSource(100)), null));
        AgentClient page = await(agent.page(vertx));
        Future<JsonObject> inserted = page.event("card-inserted", READER);
        demo = Personalisation.demoCardOrNull();
        card = SimulatedCard.open(demo, stateDir, SimulatedCard.DEFAULT_APPLET_CLASS, false);
        host = new VpcdCardHost(card, "127.0.0.1", PcscStack.VPCD_PORT, false);
        host.start();
        await(inserted);
        return page;
    }

    private static void awaitEvent(AgentClient page, String event, String failure) throws Exception {
        try {
            await(page.event(event, READER));
        } catch (TimeoutException e) {
            throw new AssertionError(failure + " within 60 s (no \"" + event + "\" event)", e);
        }
    }

    private static JsonObject transmit(AgentClient page, String apdu) throws Exception {
        return await(page.call("transmit", new JsonObject().put("apdu", apdu)));
    }

    private String selectFirstApplication() {
        byte[] aid = demo.applications().get(0).aid();
        return "00A40400" + String.format("%02X", aid.length) + HEX.formatHex(aid);
    }

    /** The ATC from a GET STATUS response (docs/protocol.md section 7: offset 15 + L). */
    private static long atcOf(String statusHex) {
        byte[] status = HEX.parseHex(statusHex);
        int l = status[10] & 0xFF;
        return Long.parseLong(HEX.formatHex(status, 15 + l, 19 + l), 16);
    }

    /** The demo issuer master key (published on purpose; docs/test-vectors.json). */
    private static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");

    /** The card's response data without its status word, parsed as a signed upstream message. */
    private static UpstreamMessage signed(JsonObject reply) {
        String hex = reply.getString("response");
        return UpstreamMessage.parseHex(hex.substring(0, hex.length() - 4));
    }

    @Test
    void pageRunsAWholeSessionOnTheVpcdCard_selectRequestExecuteAck(Vertx vertx) throws Exception {
        AgentClient page = agentWithCardInserted(vertx);

        JsonArray readers = await(page.call("list-readers", null)).getJsonArray("readers");
        JsonObject vpcd = readers.stream().map(JsonObject.class::cast)
                .filter(r -> READER.equals(r.getString("name"))).findFirst().orElseThrow();
        assertThat(vpcd.getBoolean("cardPresent")).isTrue();
        assertThat(vpcd.getBoolean("simulated")).isFalse();

        JsonObject connected = await(page.call("connect", new JsonObject().put("reader", READER)));
        assertThat(connected.getString("atr")).isEqualTo(HEX.formatHex(card.atr()));

        assertThat(transmit(page, selectFirstApplication()).getString("sw")).isEqualTo("9000");
        JsonObject status = transmit(page, "8030000000");
        assertThat(status.getString("sw")).isEqualTo("9000");
        // version 01, ACTIVE, the demo card's id
        assertThat(status.getString("response")).startsWith("0102" + demo.cardId());

        // REQUEST (SYNC, amount 0, UN 01020304, zero challenge) opens a session bound to its ATC
        String request = "8040000019" + "01" + "00000000" + "01020304" + "00".repeat(16) + "00";
        JsonObject requestReply = transmit(page, request);
        assertThat(requestReply.getString("sw")).isEqualTo("9000");
        UpstreamMessage signedRequest = signed(requestReply);
        CardApplicationId id = signedRequest.id();
        assertThat(signedRequest.verify(KeyDerivation.deriveUpKey(DEMO_MASTER_KEY, id))).isTrue();

        // the test plays the server: three CREDIT commands s = CA+1..CA+3, MAC'd for this session
        byte[] downKey = KeyDerivation.deriveDownKey(DEMO_MASTER_KEY, id);
        long ca = signedRequest.ca();
        List<String> script = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            script.add(HEX.formatHex(new ScriptCommand(signedRequest.atc(), ca + i, ActionType.CREDIT,
                    new byte[] {0, 0, 0, (byte) i}).apdu(downKey, id)));
        }
        assertThat(transmit(page, script.get(0)).getString("sw")).isEqualTo("9000");
        JsonObject batch = await(page.call("transmit-batch", new JsonObject()
                .put("apdus", new JsonArray(script.subList(1, 3))).put("acceptSw", new JsonArray().add("9000"))));
        assertThat(batch.getBoolean("complete")).isTrue();
        assertThat(batch.getJsonArray("responses").stream().map(r -> ((JsonObject) r).getString("sw")))
                .containsExactly("9000", "9000");
        assertThat(transmit(page, script.get(0)).getString("sw")).as("a replayed command").isEqualTo("6A91");

        JsonObject ackReply = transmit(page, "8044000000");
        assertThat(ackReply.getString("sw")).isEqualTo("9000");
        UpstreamMessage ack = signed(ackReply);
        assertThat(ack.verify(KeyDerivation.deriveUpKey(DEMO_MASTER_KEY, id))).isTrue();
        assertThat(ack.atc()).isEqualTo(signedRequest.atc() + 1);
        assertThat(ack.ca()).as("the card counts the three actions it ran").isEqualTo(ca + 3);
        assertThat(ack.report().executed()).isEqualTo(3);
        assertThat(ack.report().caAtStart()).isEqualTo(ca);
        assertThat(await(page.call("disconnect", null)).getString("reader")).isEqualTo(READER);
    }

    @Test
    void cardPulledOutOfTheVpcdReader_endsTheSessionAndPutBackIsSeenAgain(Vertx vertx) throws Exception {
        AgentClient page = agentWithCardInserted(vertx);
        await(page.call("connect", new JsonObject().put("reader", READER)));
        assertThat(transmit(page, selectFirstApplication()).getString("sw")).isEqualTo("9000");

        page.clearEvents(); // pcscd may have reported stale changes of the previous test's card
        Future<JsonObject> removed = page.event("card-removed", READER);
        host.remove();
        await(removed);
        JsonObject afterRemoval = await(page.request("transmit", new JsonObject().put("apdu", "8030000000")));
        assertThat(afterRemoval.getJsonObject("payload").getString("code")).isEqualTo("CARD_REMOVED");
        JsonObject noCard = await(page.request("connect", new JsonObject().put("reader", READER)));
        assertThat(noCard.getJsonObject("payload").getString("code")).isEqualTo("NO_CARD");

        page.clearEvents();
        Future<JsonObject> inserted = page.event("card-inserted", READER);
        host.insert();
        await(inserted);
        await(page.call("connect", new JsonObject().put("reader", READER)));
        assertThat(transmit(page, selectFirstApplication()).getString("sw")).isEqualTo("9000");
    }

    @Test
    void pcscdKilledAndStartedAgain_agentReestablishesItsContextAndSeesTheReaderAndCardAgain(Vertx vertx)
            throws Exception {
        AgentClient page = agentWithCardInserted(vertx);
        await(page.call("connect", new JsonObject().put("reader", READER)));
        assertThat(transmit(page, selectFirstApplication()).getString("sw")).isEqualTo("9000");

        page.clearEvents();
        Future<JsonObject> readerGone = page.event("reader-removed", READER);
        long killed = stack.pid();
        stack = stack.killAndStartAgain();
        assertThat(stack.pid()).as("a new pcscd").isNotEqualTo(killed);
        assertThat(Files.readString(PcscStack.PID_FILE).trim()).as("the PID a killed test run would leave")
                .isEqualTo(Long.toString(stack.pid()));
        await(readerGone);
        JsonObject afterKill = await(page.request("transmit", new JsonObject().put("apdu", "8030000000")));
        assertThat(afterKill.getJsonObject("payload").getString("code")).isEqualTo("CARD_REMOVED");

        // The vpcd host reconnects to the new pcscd by itself; the agent sees it only through a new PC/SC
        // context, since the JDK's own stays bound to the pcscd that was killed.
        awaitEvent(page, "reader-added", "the agent does not see vpcd's reader of the new pcscd");
        awaitEvent(page, "card-inserted", "the agent does not see the card in vpcd's reader of the new pcscd");
        JsonObject vpcd = await(page.call("list-readers", null)).getJsonArray("readers").stream()
                .map(JsonObject.class::cast).filter(r -> READER.equals(r.getString("name"))).findFirst().orElseThrow();
        assertThat(vpcd.getBoolean("cardPresent")).isTrue();
        assertThat(await(page.call("disconnect", null)).getBoolean("cardRemoved")).isTrue();
        JsonObject connected = await(page.call("connect", new JsonObject().put("reader", READER)));
        assertThat(connected.getString("atr")).isEqualTo(HEX.formatHex(card.atr()));
        assertThat(transmit(page, selectFirstApplication()).getString("sw")).isEqualTo("9000");
    }
}
