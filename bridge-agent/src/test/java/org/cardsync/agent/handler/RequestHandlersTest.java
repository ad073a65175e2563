package org.cardsync.agent.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cardsync.agent.reader.ReaderDirectory;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.wire.MessageType;
import org.cardsync.agent.wire.RequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request handlers on their own: two pages and a scripted reader, no socket. Requests run on one
 * event-loop context, as the agent runs them.
 */
@ExtendWith(VertxExtension.class)
class RequestHandlersTest {

    /** SELECT of an application the card does not have: 6A82 (ISO/IEC 7816-4, file not found). */
    private static final String SELECT_MISSING = "00A4040002F00100";
    private static final String GET_STATUS = "8030000000";
    /** A command the hanging reader of the timeout tests never answers. */
    private static final String HANGS = "80FF000000";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(300);

    private FakeReader reader;
    private ReaderLeases leases;
    private RequestHandlers handlers;
    private Context context;
    private Page first;
    private Page second;
    /** The reader named by the directory's reader-free event, once there is one. */
    private CompletableFuture<String> readerFree;

    @BeforeEach
    void setUp(Vertx vertx) {
        reader = new FakeReader(Map.of(SELECT_MISSING, "6A82"));
        leases = new ReaderLeases();
        readerFree = new CompletableFuture<>();
        ReaderDirectory directory = new ReaderDirectory(List.of(reader), event -> {
            if (event.type() == ReaderDirectory.EventType.READER_FREE) {
                readerFree.complete(event.reader());
            }
        });
        directory.start();
        handlers = new RequestHandlers(vertx, directory, leases, null, false, 255, COMMAND_TIMEOUT);
        context = vertx.getOrCreateContext();
        first = Page.connected(1, "http://localhost:8080", leases);
        second = Page.connected(2, "http://localhost:8080", leases);
    }

    @AfterEach
    void tearDown() {
        reader.unhang();
    }

    private <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private <T> T onContext(java.util.function.Supplier<Future<T>> action) throws Exception {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(done));
        return await(done.future());
    }

    private JsonObject call(Page page, MessageType type, JsonObject payload) throws Exception {
        return onContext(() -> handlers.handle(type, payload, page));
    }

    /** The code of the error a request gets. */
    private String refusal(Page page, MessageType type, JsonObject payload) throws Exception {
        try {
            JsonObject result = call(page, type, payload);
            throw new AssertionError("expected an error, got " + result.encode());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RequestException.class);
            assertThat(e.getCause().getMessage()).isNotBlank();
            return ((RequestException) e.getCause()).code().name();
        }
    }

    private static JsonObject errorPayload(RequestException e) {
        JsonObject payload = new JsonObject().put("code", e.code().name());
        return e.details() == null ? payload : payload.mergeIn(e.details());
    }

    private static JsonObject reader() {
        return new JsonObject().put("reader", FakeReader.NAME);
    }

    private static JsonObject batch(String... apdus) {
        return new JsonObject().put("apdus", new JsonArray(List.of((Object[]) apdus)));
    }

    @Test
    void connect_whileAnotherPageHoldsTheReader_isBusyUntilThatPageDisconnects() throws Exception {
        assertThat(call(first, MessageType.CONNECT, reader()))
                .isEqualTo(new JsonObject().put("reader", FakeReader.NAME).put("atr", FakeReader.ATR));

        assertThat(refusal(second, MessageType.CONNECT, reader())).isEqualTo("READER_BUSY");

        assertThat(call(first, MessageType.DISCONNECT, new JsonObject()))
                .isEqualTo(new JsonObject().put("reader", FakeReader.NAME).put("cardRemoved", false));
        assertThat(reader.resets()).as("disconnect resets the card by default").isEqualTo(1);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
    }

    @Test
    void connect_aSecondTimeFromTheSamePage_isAlreadyConnected() throws Exception {
        call(first, MessageType.CONNECT, reader());
        assertThat(refusal(first, MessageType.CONNECT, reader())).isEqualTo("ALREADY_CONNECTED");
    }

    @Test
    void connect_toAReaderThatIsNotThere_isNoSuchReaderAndLeavesNothingLeased() throws Exception {
        assertThat(refusal(first, MessageType.CONNECT, new JsonObject().put("reader", "Nowhere 00")))
                .isEqualTo("NO_SUCH_READER");
        assertThat(call(first, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
    }

    @Test
    void pageClosing_resetsTheCardAndFreesTheReaderForTheNextPage() throws Exception {
        call(first, MessageType.CONNECT, reader());

        onContext(() -> first.lease().close());

        assertThat(reader.resets()).isEqualTo(1);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
    }

    @Test
    void listReaders_saysWhoHoldsTheReader() throws Exception {
        call(first, MessageType.CONNECT, reader());

        JsonObject seenByHolder = call(first, MessageType.LIST_READERS, new JsonObject())
                .getJsonArray("readers").getJsonObject(0);
        JsonObject seenByOther = call(second, MessageType.LIST_READERS, new JsonObject())
                .getJsonArray("readers").getJsonObject(0);

        assertThat(seenByHolder.getBoolean("inUse")).isTrue();
        assertThat(seenByHolder.getBoolean("heldByYou")).isTrue();
        assertThat(seenByOther.getBoolean("inUse")).isTrue();
        assertThat(seenByOther.getBoolean("heldByYou")).isFalse();
    }

    @Test
    void transmit_withoutConnect_isNotConnectedAndSendsNothing() throws Exception {
        assertThat(refusal(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS)))
                .isEqualTo("NOT_CONNECTED");
        assertThat(reader.received()).isEmpty();
    }

    @Test
    void transmitBatch_stopsAfterTheFirstStatusWordNotAccepted() throws Exception {
        call(first, MessageType.CONNECT, reader());

        JsonObject result = call(first, MessageType.TRANSMIT_BATCH, batch(GET_STATUS, SELECT_MISSING, GET_STATUS));

        assertThat(result.getBoolean("complete")).isFalse();
        assertThat(result.getJsonArray("responses").stream().map(r -> ((JsonObject) r).getString("sw")))
                .containsExactly("9000", "6A82");
        assertThat(reader.received()).containsExactly(GET_STATUS, SELECT_MISSING);
    }

    @Test
    void transmitBatch_withAnAcceptedPattern_runsToTheEndAndIsComplete() throws Exception {
        call(first, MessageType.CONNECT, reader());

        JsonObject result = call(first, MessageType.TRANSMIT_BATCH, batch(SELECT_MISSING, GET_STATUS)
                .put("acceptSw", new JsonArray().add("9000").add("6AXX")));

        assertThat(result.getBoolean("complete")).isTrue();
        assertThat(reader.received()).containsExactly(SELECT_MISSING, GET_STATUS);
    }

    @Test
    void transmitBatch_withOneMalformedApdu_isInvalidApduAndSendsNothing() throws Exception {
        call(first, MessageType.CONNECT, reader());

        assertThat(refusal(first, MessageType.TRANSMIT_BATCH, batch(GET_STATUS, "80300"))).isEqualTo("INVALID_APDU");
        assertThat(reader.received()).isEmpty();
    }

    @Test
    void cardLostWhileHeld_isCardRemovedUntilTheDisconnectThatAcknowledgesIt() throws Exception {
        call(first, MessageType.CONNECT, reader());

        onContext(() -> {
            // what the agent does on a card-removed event: the reader's holder is told
            leases.holder(FakeReader.NAME).cardLost(FakeReader.NAME);
            return Future.succeededFuture();
        });

        assertThat(refusal(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS)))
                .isEqualTo("CARD_REMOVED");
        assertThat(call(first, MessageType.DISCONNECT, new JsonObject()).getBoolean("cardRemoved")).isTrue();
        assertThat(refusal(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS)))
                .isEqualTo("NOT_CONNECTED");
        assertThat(reader.received()).isEmpty();
    }

    @Test
    void cardPulledRightAfterABatchWasQueued_isCardRemovedAndSendsNothing() throws Exception {
        call(first, MessageType.CONNECT, reader());

        // In one event-loop turn: the batch is queued on the card's connection thread, then the card-removed event
        // arrives before that thread sent its first APDU (the race a pull at the start of a script can win). The
        // thread is kept busy until then, so that it cannot start the batch first.
        CountDownLatch cardThreadBusy = new CountDownLatch(1);
        PageLease.HeldCard card = first.lease().requireHeld();
        String outcome = onContext(() -> {
            try {
                card.connection().start(reader -> {
                    cardThreadBusy.await();
                    return null;
                });
            } catch (ReaderException e) {
                throw new AssertionError(e);
            }
            Future<JsonObject> batch = handlers.handle(MessageType.TRANSMIT_BATCH, batch(GET_STATUS, GET_STATUS), first);
            leases.holder(FakeReader.NAME).cardLost(FakeReader.NAME);
            cardThreadBusy.countDown();
            return batch.transform(result -> Future.succeededFuture(result.succeeded()
                    ? "a result: " + result.result().encode()
                    : ((RequestException) result.cause()).code().name()));
        });

        assertThat(outcome).isEqualTo("CARD_REMOVED");
        assertThat(reader.received()).isEmpty();
    }

    @Test
    void disconnectWithoutReset_keepsTheReaderForThatPageOnly_untilItGoes() throws Exception {
        call(first, MessageType.CONNECT, reader());
        call(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS));

        assertThat(call(first, MessageType.DISCONNECT, new JsonObject().put("reset", false)))
                .isEqualTo(new JsonObject().put("reader", FakeReader.NAME).put("cardRemoved", false));

        assertThat(refusal(second, MessageType.CONNECT, reader())).as("the open session is not handed on")
                .isEqualTo("READER_BUSY");
        assertThat(refusal(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS)))
                .isEqualTo("NOT_CONNECTED");
        assertThat(call(first, MessageType.CONNECT, reader()).getString("atr")).isEqualTo(FakeReader.ATR);
        call(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS));
        assertThat(reader.resets()).as("the page went on with its session").isZero();

        call(first, MessageType.DISCONNECT, new JsonObject().put("reset", false));
        onContext(() -> first.lease().close());

        assertThat(reader.resets()).as("the kept session ends with a reset when its page goes").isEqualTo(1);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
    }

    @Test
    void disconnectWithResetAfterOneWithout_resetsTheCardAndFreesTheReader() throws Exception {
        call(first, MessageType.CONNECT, reader());
        call(first, MessageType.DISCONNECT, new JsonObject().put("reset", false));

        call(first, MessageType.DISCONNECT, new JsonObject().put("reset", true));

        assertThat(reader.resets()).isEqualTo(1);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
    }

    @Test
    void commandOnAHungReader_isReaderTimeout_andTheReaderStaysHeldUntilItAnswersAndTheCardIsReset() throws Exception {
        reader.hangOn(HANGS);
        call(first, MessageType.CONNECT, reader());

        assertThat(refusal(first, MessageType.TRANSMIT, new JsonObject().put("apdu", HANGS))).isEqualTo("READER_TIMEOUT");
        assertThat(refusal(first, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS)))
                .as("the first page's hold ended").isEqualTo("NOT_CONNECTED");

        for (int i = 0; i < 3; i++) {
            assertThat(refusal(second, MessageType.CONNECT, reader())).as("the reader is stuck")
                    .isEqualTo("READER_TIMEOUT");
        }
        assertThat(refusal(first, MessageType.CONNECT, reader())).isEqualTo("READER_TIMEOUT");
        assertThat(reader.callsInReader()).as("the hung command alone: no connect queued behind it").isEqualTo(1);

        reader.unhang();
        assertThat(readerFree.get(10, TimeUnit.SECONDS)).isEqualTo(FakeReader.NAME);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
        assertThat(call(second, MessageType.TRANSMIT, new JsonObject().put("apdu", GET_STATUS)).getString("sw"))
                .isEqualTo("9000");
        assertThat(reader.log()).as("the hung page's card was reset before the next page connected")
                .containsExactly("connect", HANGS, "reset", "connect", GET_STATUS);
    }

    @Test
    void connectToAHungReader_isReaderTimeout_andTheReaderStaysHeldUntilTheConnectReturned() throws Exception {
        reader.hangConnects();
        assertThat(refusal(first, MessageType.CONNECT, reader())).isEqualTo("READER_TIMEOUT");

        assertThat(refusal(second, MessageType.CONNECT, reader())).isEqualTo("READER_TIMEOUT");
        assertThat(refusal(first, MessageType.CONNECT, reader())).isEqualTo("READER_TIMEOUT");
        assertThat(reader.callsInReader()).as("the hung connect alone").isEqualTo(1);

        reader.unhang();
        assertThat(readerFree.get(10, TimeUnit.SECONDS)).isEqualTo(FakeReader.NAME);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
        assertThat(reader.log()).as("the card the late connect opened was reset before the next page connected")
                .containsExactly("connect", "reset", "connect");
    }

    @Test
    void batchOnAHungReader_isReaderTimeoutWithWhatRanBefore() throws Exception {
        reader.hangOn(HANGS);
        call(first, MessageType.CONNECT, reader());

        JsonObject error = onContext(() -> handlers.handle(MessageType.TRANSMIT_BATCH,
                batch(GET_STATUS, HANGS, GET_STATUS), first).transform(result -> result.succeeded()
                        ? Future.failedFuture(new AssertionError("expected an error, got " + result.result().encode()))
                        : Future.succeededFuture(errorPayload((RequestException) result.cause()))));

        assertThat(error.getString("code")).isEqualTo("READER_TIMEOUT");
        assertThat(error.getJsonArray("responses")).hasSize(1);
        assertThat(reader.received()).containsExactly(GET_STATUS, HANGS);
        reader.unhang();
        assertThat(readerFree.get(10, TimeUnit.SECONDS)).isEqualTo(FakeReader.NAME);
        assertThat(reader.received()).as("nothing of the batch after the command that overran, once it answered")
                .containsExactly(GET_STATUS, HANGS);
        assertThat(call(second, MessageType.CONNECT, reader()).getString("reader")).isEqualTo(FakeReader.NAME);
    }

    @Test
    void connectRightAfterTheCardWasLost_waitsForThePagesOwnReleaseInsteadOfBeingBusy() throws Exception {
        call(first, MessageType.CONNECT, reader());

        // In one event-loop turn, as when the page reconnects the moment the card is back: the lost card's
        // disconnect is still queued on its worker, so the page's own lease has not been released yet.
        JsonObject again = onContext(() -> {
            leases.holder(FakeReader.NAME).cardLost(FakeReader.NAME);
            return handlers.handle(MessageType.CONNECT, reader(), first);
        });

        assertThat(again.getString("reader")).isEqualTo(FakeReader.NAME);
        assertThat(leases.holder(FakeReader.NAME)).isSameAs(first.lease());
        assertThat(refusal(second, MessageType.CONNECT, reader())).isEqualTo("READER_BUSY");
    }

    @Test
    void simulatedCardRequests_withoutASimulatedCard_areSimulationOff() throws Exception {
        assertThat(refusal(first, MessageType.SIM_REMOVE, new JsonObject())).isEqualTo("SIMULATION_OFF");
        assertThat(refusal(first, MessageType.SIM_INSERT, new JsonObject())).isEqualTo("SIMULATION_OFF");
    }

    @Test
    void errorOrEventSentAsARequest_isUnknownType() throws Exception {
        assertThat(refusal(first, MessageType.ERROR, new JsonObject())).isEqualTo("UNKNOWN_TYPE");
        assertThat(refusal(first, MessageType.EVENT, new JsonObject())).isEqualTo("UNKNOWN_TYPE");
    }
}
