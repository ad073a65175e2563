package org.cardsync.agent.reader;

import java.io.ByteArrayOutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cardsync.agent.apdu.CommandApdu;
import org.cardsync.agent.apdu.Hex;
import org.cardsync.agent.apdu.ResponseApdu;

/**
 * One command APDU exchanged with a card the way ISO/IEC 7816-4 section 5.3.4 / 5.1.3 expects a terminal
 * to do it, so that the page never sees a procedure status word:
 * <ul>
 *   <li>6Cxx ("wrong Le; xx bytes available"): the same command is sent again once, with Le = xx;</li>
 *   <li>61xx ("xx more bytes available"): GET RESPONSE is sent until the card stops answering 61xx, and
 *       the pieces are concatenated.</li>
 * </ul>
 */
public final class ApduExchange {

    private static final Logger LOG = Logger.getLogger(ApduExchange.class.getName());

    /** 256 rounds of up to 256 bytes cover the largest extended response; more means a looping card. */
    static final int MAX_GET_RESPONSE_ROUNDS = 256;

    private final CardConnection connection;
    private final boolean logApduData;

    public ApduExchange(CardConnection connection, boolean logApduData) {
        this.connection = connection;
        this.logApduData = logApduData;
    }

    public ResponseApdu transmit(CommandApdu command) throws ReaderException {
        ResponseApdu response = send(command);
        if (response.sw1() == 0x6C) {
            response = send(command.withNe(response.sw2() == 0 ? 256 : response.sw2()));
        }
        if (response.sw1() != 0x61) {
            return response;
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int rounds = 0;
        while (response.sw1() == 0x61) {
            if (++rounds > MAX_GET_RESPONSE_ROUNDS) {
                throw new ReaderException(ReaderFailure.READER_ERROR,
                        "card kept answering 61xx after " + MAX_GET_RESPONSE_ROUNDS + " GET RESPONSE commands");
            }
            data.writeBytes(response.data());
            response = send(CommandApdu.getResponse(command.cla(), response.sw2() == 0 ? 256 : response.sw2()));
        }
        data.writeBytes(response.data());
        return ResponseApdu.of(data.toByteArray(), response.sw());
    }

    private ResponseApdu send(CommandApdu command) throws ReaderException {
        byte[] raw = connection.transmit(command.bytes());
        if (raw.length < 2) {
            throw new ReaderException(ReaderFailure.READER_ERROR,
                    "reader returned " + raw.length + " bytes: no status word");
        }
        ResponseApdu response = ResponseApdu.of(raw);
        if (LOG.isLoggable(Level.FINE)) {
            // APDU bodies carry MACs and card data: only with the debug flag (team rule).
            if (logApduData) {
                LOG.fine(connection.readerName() + " > " + Hex.encode(command.bytes()) + " < " + Hex.encode(raw));
            } else {
                LOG.fine(connection.readerName() + " > " + command.describe() + " < " + response.dataLength()
                        + " bytes SW=" + response.swHex());
            }
        }
        return response;
    }
}
