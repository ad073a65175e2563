package org.cardsync.cardsim;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;

/**
 * The GET STATUS record of a card application (docs/protocol.md section 7). Not authenticated: fit for
 * display and for tests, never a fact for the server (rule 9).
 *
 * @param state             life-cycle state
 * @param cardId            card id, 8 bytes (zeros before personalisation)
 * @param aid               the application's AID
 * @param ca                action counter
 * @param atc               application transaction counter
 * @param balance           purse balance
 * @param purseLimit        purse limit
 * @param pinTriesRemaining PIN tries left
 * @param flags             bit 0 CA saturated, bit 1 ATC saturated, bit 2 session open, bit 3 PIN validated
 * @param applications      the application table, in load order
 */
public record CardStatus(LifeCycleState state, byte[] cardId, byte[] aid, long ca, long atc, long balance,
                         long purseLimit, int pinTriesRemaining, int flags, List<ApplicationEntry> applications) {

    public static final int FLAG_CA_SATURATED = 0x01;
    public static final int FLAG_ATC_SATURATED = 0x02;
    public static final int FLAG_SESSION_OPEN = 0x04;
    public static final int FLAG_PIN_VALIDATED = 0x08;

    /** One entry of the application table: app id, state ({@code 01} LOADING, {@code 02} ACTIVE), length. */
    public record ApplicationEntry(int appId, int state, int length) {
        public static final int LOADING = 0x01;
        public static final int ACTIVE = 0x02;
    }

    public CardStatus {
        cardId = cardId.clone();
        aid = aid.clone();
        applications = List.copyOf(applications);
    }

    /**
     * Parses the response data of GET STATUS.
     *
     * @throws IllegalArgumentException if it is not a version 1 status record of the right length
     */
    public static CardStatus parse(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            int version = in.get() & 0xFF;
            if (version != 1) {
                throw new IllegalArgumentException("status record version " + version);
            }
            LifeCycleState state = LifeCycleState.of(in.get() & 0xFF);
            byte[] cardId = new byte[CardApplicationId.CARD_ID_LENGTH];
            in.get(cardId);
            byte[] aid = new byte[in.get() & 0xFF];
            in.get(aid);
            long ca = Integer.toUnsignedLong(in.getInt());
            long atc = Integer.toUnsignedLong(in.getInt());
            long balance = Integer.toUnsignedLong(in.getInt());
            long limit = Integer.toUnsignedLong(in.getInt());
            int tries = in.get() & 0xFF;
            int flags = in.get() & 0xFF;
            int count = in.get() & 0xFF;
            List<ApplicationEntry> applications = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                applications.add(new ApplicationEntry(in.getShort() & 0xFFFF, in.get() & 0xFF, in.getShort() & 0xFFFF));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the status record");
            }
            return new CardStatus(state, cardId, aid, ca, atc, balance, limit, tries, flags, applications);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("status record too short: " + Hex.encode(data), e);
        }
    }

    @Override
    public byte[] cardId() {
        return cardId.clone();
    }

    @Override
    public byte[] aid() {
        return aid.clone();
    }

    public boolean caSaturated() {
        return (flags & FLAG_CA_SATURATED) != 0;
    }

    public boolean atcSaturated() {
        return (flags & FLAG_ATC_SATURATED) != 0;
    }

    public boolean sessionOpen() {
        return (flags & FLAG_SESSION_OPEN) != 0;
    }

    public boolean pinValidated() {
        return (flags & FLAG_PIN_VALIDATED) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardStatus that && state == that.state && java.util.Arrays.equals(cardId, that.cardId)
                && java.util.Arrays.equals(aid, that.aid) && ca == that.ca && atc == that.atc
                && balance == that.balance && purseLimit == that.purseLimit
                && pinTriesRemaining == that.pinTriesRemaining && flags == that.flags
                && applications.equals(that.applications);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(state, java.util.Arrays.hashCode(cardId), java.util.Arrays.hashCode(aid), ca,
                atc, balance, purseLimit, pinTriesRemaining, flags, applications);
    }

    @Override
    public String toString() {
        return "CardStatus[" + state + ", cardId=" + Hex.encode(cardId) + ", aid=" + Hex.encode(aid) + ", CA=" + ca
                + ", ATC=" + atc + ", balance=" + balance + "/" + purseLimit + ", PIN tries=" + pinTriesRemaining
                + ", flags=" + Integer.toHexString(flags) + ", applications=" + applications + "]";
    }
}
