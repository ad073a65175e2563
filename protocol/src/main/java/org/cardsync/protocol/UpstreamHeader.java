package org.cardsync.protocol;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the header of an upstream message says (protocol.md section 5), read without parsing the rest and
 * without checking the MAC: for auditing a message that was refused, on the card application it names.
 * Nothing in it is authenticated; never base a decision on it.
 *
 * @param version the format version byte (the rest is read at version 1's places whatever it says)
 * @param type the message type, empty if the byte names none
 * @param id the card application the header names
 * @param atc the ATC, empty if the message ends before it
 */
public record UpstreamHeader(int version, Optional<MessageType> type, CardApplicationId id, OptionalLong atc) {

    /**
     * Reads the header as far as it goes; empty if the bytes end before the AID or the AID length is not
     * one a card application can have.
     */
    public static Optional<UpstreamHeader> peek(byte[] message) {
        try {
            Bytes.Reader r = new Bytes.Reader(message);
            int version = r.u8("version");
            int typeCode = r.u8("message type");
            byte[] cardId = r.bytes(CardApplicationId.CARD_ID_LENGTH, "card id");
            byte[] aid = r.bytes(r.u8("AID length"), "AID");
            CardApplicationId id = new CardApplicationId(cardId, aid);
            OptionalLong atc = r.remaining() >= 4 ? OptionalLong.of(r.u32("ATC")) : OptionalLong.empty();
            return Optional.of(new UpstreamHeader(version, messageType(typeCode), id, atc));
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    private static Optional<MessageType> messageType(int code) {
        for (MessageType t : MessageType.values()) {
            if (t.code() == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
