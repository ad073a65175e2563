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
}
