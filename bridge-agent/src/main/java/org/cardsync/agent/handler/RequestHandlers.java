package org.cardsync.agent.handler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.cardsync.agent.reader.ReaderDirectory;
import org.cardsync.agent.sim.SimulatedReaderSource;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.MessageType;
import org.cardsync.agent.wire.RequestException;

/**
 * One handler per request type, chosen by one switch (as web-eid-app's command handlers are). Every
 * failure comes out as a {@link RequestException} with the wire's code, except a defect, which comes out
 * as it is.
 */
public final class RequestHandlers {

    private final RequestHandler hello;
    private final RequestHandler listReaders;
    private final RequestHandler connect;
    private final RequestHandler transmit;
    private final RequestHandler transmitBatch;
    private final RequestHandler disconnect;
    private final RequestHandler simInsert;
    private final RequestHandler simRemove;

    /**
     * @param simulated the simulated reader, also in {@code directory}, or null without simulation
     * @param logApduData whether APDU bodies may appear in the debug log
     * @param maxBatch the most APDUs one transmit-batch may carry
     * @param commandTimeout how long one reader call (connect, one APDU exchange, disconnect) may take before the
     *     page gets READER_TIMEOUT and the card is let go
     */
    public RequestHandlers(Vertx vertx, ReaderDirectory directory, ReaderLeases leases,
            SimulatedReaderSource simulated, boolean logApduData, int maxBatch, Duration commandTimeout) {
        hello = new HelloHandler(simulated != null);
        listReaders = new ListReadersHandler(vertx, directory, leases);
        connect = new ConnectHandler(vertx, directory, logApduData, commandTimeout);
        leases.onStuckReaderFreed(directory::readerFree);
        transmit = new TransmitHandler();
        transmitBatch = new TransmitBatchHandler(maxBatch);
        disconnect = new DisconnectHandler();
        simInsert = SimulatedCardHandler.insert(vertx, simulated);
        simRemove = SimulatedCardHandler.remove(vertx, simulated);
    }

    /** Runs the request of {@code type} from {@code page}; the future fails with the reply's error. */
    public Future<JsonObject> handle(MessageType type, JsonObject payload, Page page) {
        try {
            return handlerOf(type).handle(payload, page)
                    .recover(failure -> Future.failedFuture(ReaderErrors.toWire(failure)));
        } catch (RequestException refusal) {
            return Future.failedFuture(refusal);
        }
    }

    private RequestHandler handlerOf(MessageType type) throws RequestException {
        return switch (type) {
            case HELLO -> hello;
            case LIST_READERS -> listReaders;
            case CONNECT -> connect;
            case TRANSMIT -> transmit;
            case TRANSMIT_BATCH -> transmitBatch;
            case DISCONNECT -> disconnect;
            case SIM_INSERT -> simInsert;
            case SIM_REMOVE -> simRemove;
            case ERROR, EVENT -> throw new RequestException(ErrorCode.UNKNOWN_TYPE, "unknown message type \""
                    + type.wireName() + "\": the agent sends it, a page cannot");
        };
    }
}
