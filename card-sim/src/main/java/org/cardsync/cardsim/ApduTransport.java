package org.cardsync.cardsim;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/**
 * Something that carries one command APDU to a card and brings back its response APDU (data, then the
 * two status word bytes): a {@link SimulatedCard}, a javax.smartcardio channel, a bridge-agent client.
 * {@link CardSession} speaks the card protocol over any of them.
 */
@FunctionalInterface
public interface ApduTransport {

    /**
     * Sends a command APDU and returns the response APDU. A non-9000 status word is a normal answer, not
     * an error; a transport that cannot reach the card throws {@link ApduTransportException}.
     */
    byte[] transmit(byte[] commandApdu);

    /**
     * A transport over a PC/SC channel. GET RESPONSE (61xx) and wrong-Le (6Cxx) handling is left to the
     * channel (javax.smartcardio does it by default); a {@link CardException} becomes an
     * {@link ApduTransportException}.
     */
    static ApduTransport of(CardChannel channel) {
        return commandApdu -> {
            try {
                return channel.transmit(new CommandAPDU(commandApdu)).getBytes();
            } catch (CardException e) {
                throw new ApduTransportException("card channel failed", e);
            }
        };
    }
}
