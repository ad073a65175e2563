package org.cardsync.protocol;

import java.util.Arrays;

/** A card application: the card's 8-byte id and the applet instance's AID (5 to 16 bytes). */
public record CardApplicationId(byte[] cardId, byte[] aid) {
    public static final int CARD_ID_LENGTH = 8;
    public static final int AID_MIN = 5;
    public static final int AID_MAX = 16;

    public CardApplicationId {
        if (cardId.length != CARD_ID_LENGTH) {
            throw new ProtocolException(ProtocolError.WRONG_LENGTH, "card id must be 8 bytes");
        }
        if (aid.length < AID_MIN || aid.length > AID_MAX) {
            throw new ProtocolException(ProtocolError.WRONG_LENGTH, "AID must be 5 to 16 bytes");
        }
        cardId = cardId.clone();
        aid = aid.clone();
    }

    public static CardApplicationId ofHex(String cardIdHex, String aidHex) {
        return new CardApplicationId(Hex.decode(cardIdHex), Hex.decode(aidHex));
    }

    @Override
    public byte[] cardId() {
        return cardId.clone();
    }

    @Override
    public byte[] aid() {
        return aid.clone();
    }

    public String cardIdHex() {
        return Hex.encode(cardId);
    }

    public String aidHex() {
        return Hex.encode(aid);
    }

    /** card id (8) || AID length (1) || AID: the KDF context and the prefix of every script command MAC. */
    public byte[] encode() {
        byte[] out = new byte[CARD_ID_LENGTH + 1 + aid.length];
        System.arraycopy(cardId, 0, out, 0, CARD_ID_LENGTH);
        out[CARD_ID_LENGTH] = (byte) aid.length;
        System.arraycopy(aid, 0, out, CARD_ID_LENGTH + 1, aid.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardApplicationId other
                && Arrays.equals(cardId, other.cardId) && Arrays.equals(aid, other.aid);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cardId) + Arrays.hashCode(aid);
    }

    @Override
    public String toString() {
        return cardIdHex() + "/" + aidHex();
    }
}
