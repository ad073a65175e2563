package org.cardsync.agent.handler;

import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;

/** Reader failures as the wire's error codes: the one place where the reader layer meets the wire. */
final class ReaderErrors {

    private ReaderErrors() {
    }

    /** A reader failure as the refusal a page gets; any other failure unchanged. */
    static Throwable toWire(Throwable failure) {
        return failure instanceof ReaderException re ? toWire(re) : failure;
    }

    static RequestException toWire(ReaderException failure) {
        ErrorCode code = switch (failure.failure()) {
            case NO_SUCH_READER -> ErrorCode.NO_SUCH_READER;
            case NO_CARD -> ErrorCode.NO_CARD;
            case READER_BUSY -> ErrorCode.READER_BUSY;
            case CARD_REMOVED -> ErrorCode.CARD_REMOVED;
            case PCSC_UNAVAILABLE -> ErrorCode.PCSC_UNAVAILABLE;
            case INVALID_APDU -> ErrorCode.INVALID_APDU;
            case READER_ERROR -> ErrorCode.READER_ERROR;
            case TIMEOUT -> ErrorCode.READER_TIMEOUT;
        };
        return new RequestException(code, failure.getMessage());
    }
}
