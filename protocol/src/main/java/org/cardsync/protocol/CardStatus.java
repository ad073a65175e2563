package org.cardsync.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The GET STATUS record of a card application (docs/protocol.md section 7), the one parser of it. Not
 * authenticated: fit for display and for tests, never a fact for the server (rule 9).
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

    public static final int VERSION = 0x01;
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
     * @throws ProtocolException {@code UNSUPPORTED_VERSION} for a record version other than 1,
     *     {@code WRONG_LENGTH} if it is truncated or has trailing bytes, {@code BAD_VALUE} for an unknown state
     */
    public static CardStatus parse(byte[] data) {
        Bytes.Reader in = new Bytes.Reader(data);
        int version = in.u8("version");
        if (version != VERSION) {
            throw new ProtocolException(ProtocolError.UNSUPPORTED_VERSION, "status record version " + version);
        }
        LifeCycleState state = LifeCycleState.of(in.u8("life-cycle state"));
        byte[] cardId = in.bytes(CardApplicationId.CARD_ID_LENGTH, "card id");
        byte[] aid = in.bytes(in.u8("AID length"), "AID");
        long ca = in.u32("CA");
        long atc = in.u32("ATC");
        long balance = in.u32("balance");
        long limit = in.u32("purse limit");
        int tries = in.u8("PIN tries remaining");
        int flags = in.u8("flags");
        int count = in.u8("application count");
        List<ApplicationEntry> applications = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            applications.add(new ApplicationEntry(in.u16("app id"), in.u8("app state"), in.u16("app length")));
        }
        in.end("status record");
        return new CardStatus(state, cardId, aid, ca, atc, balance, limit, tries, flags, applications);
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
        return other instanceof CardStatus that && state == that.state && Arrays.equals(cardId, that.cardId)
                && Arrays.equals(aid, that.aid) && ca == that.ca && atc == that.atc
                && balance == that.balance && purseLimit == that.purseLimit
                && pinTriesRemaining == that.pinTriesRemaining && flags == that.flags
                && applications.equals(that.applications);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, Arrays.hashCode(cardId), Arrays.hashCode(aid), ca,
                atc, balance, purseLimit, pinTriesRemaining, flags, applications);
    }

    @Override
    public String toString() {
        return "CardStatus[" + state + ", cardId=" + Hex.encode(cardId) + ", aid=" + Hex.encode(aid) + ", CA=" + ca
                + ", ATC=" + atc + ", balance=" + balance + "/" + purseLimit + ", PIN tries=" + pinTriesRemaining
                + ", flags=" + Integer.toHexString(flags) + ", applications=" + applications + "]";
    }
}
