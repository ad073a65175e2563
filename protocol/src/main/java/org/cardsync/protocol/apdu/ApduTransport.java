package org.cardsync.protocol.apdu;

/**
 * Carries one command APDU to a card and brings back its response: a simulated card on jcardsim, a
 * PC/SC channel, a bridge-agent client. {@link org.cardsync.protocol.CardClient} speaks the card
 * protocol over any of them.
 */
@FunctionalInterface
public interface ApduTransport {

    /**
     * Sends a command APDU and returns the card's response. A status word other than 9000 is a normal
     * answer, not an error.
     *
     * @throws ApduTransportException if the transport cannot reach the card (reader gone, card removed)
     */
    ResponseApdu transmit(CommandApdu command);

    /**
     * Sends a command APDU given as bytes, for a host that relays bytes it does not parse (a vpcd reader, a test
     * terminal); returns the response data followed by the status word.
     *
     * @throws ApduTransportException if the bytes are not a well-formed APDU (ISO/IEC 7816-4 lengths), as a reader
     *     driver would refuse them, or if the transport cannot reach the card
     */
    default byte[] transmit(byte[] commandApdu) {
        CommandApdu command;
        try {
            command = CommandApdu.parse(commandApdu);
        } catch (MalformedApduException e) {
            throw new ApduTransportException("malformed command APDU: " + e.getMessage(), e);
        }
        return transmit(command).bytes();
    }
}
