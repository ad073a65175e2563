package org.cardsync.protocol;

import java.util.Arrays;

/**
 * A card-to-server message, REQUEST, ACK or INFO (protocol.md section 5), as parsed from the card's
 * response data. Parsing checks the layout only; {@link #verify(byte[])} checks the MAC (rule 2). Nothing
 * in it is trusted before both have passed and the ATC is found fresh (rule 3).
 */
public final class UpstreamMessage {
    public static final int VERSION = 0x01;
    public static final int REQUEST_BODY_LENGTH = 33;
    public static final int REPORT_BODY_LENGTH = 21;

    private final byte[] raw;
    private final MessageType type;
    private final CardApplicationId id;
    private final long atc;
    private final long ca;
    private final byte[] chain;
    private final byte[] body;
    private final int macOffset;

    private UpstreamMessage(byte[] raw, MessageType type, CardApplicationId id, long atc, long ca, byte[] chain,
                            byte[] body, int macOffset) {
        this.raw = raw;
        this.type = type;
        this.id = id;
        this.atc = atc;
        this.ca = ca;
        this.chain = chain;
        this.body = body;
        this.macOffset = macOffset;
    }

    /** Parses the layout of section 5; throws {@link ProtocolException} on anything malformed. */
    public static UpstreamMessage parse(byte[] data) {
        byte[] raw = data.clone();
        Bytes.Reader r = new Bytes.Reader(raw);
        int version = r.u8("version");
        if (version != VERSION) {
            throw new ProtocolException(ProtocolError.UNSUPPORTED_VERSION, "message version " + version);
        }
        MessageType type = MessageType.of(r.u8("message type"));
        byte[] cardId = r.bytes(CardApplicationId.CARD_ID_LENGTH, "card id");
        int aidLength = r.u8("AID length");
        if (aidLength < CardApplicationId.AID_MIN || aidLength > CardApplicationId.AID_MAX) {
            throw new ProtocolException(ProtocolError.BAD_VALUE, "AID length " + aidLength);
        }
        byte[] aid = r.bytes(aidLength, "AID");
        long atc = r.u32("ATC");
        long ca = r.u32("CA");
        byte[] chain = r.bytes(ActionChain.LENGTH, "action chain");
        int bodyLength = r.u8("body length");
        int expected = type == MessageType.REQUEST ? REQUEST_BODY_LENGTH : REPORT_BODY_LENGTH;
        if (bodyLength != expected) {
            throw new ProtocolException(ProtocolError.WRONG_LENGTH,
                    type + " body must be " + expected + " bytes, not " + bodyLength);
        }
        byte[] body = r.bytes(bodyLength, "body");
        int macOffset = r.position();
        r.bytes(AesCmac.MAC_LENGTH, "MAC");
        r.end("message");
        UpstreamMessage m = new UpstreamMessage(raw, type, new CardApplicationId(cardId, aid), atc, ca, chain, body,
                macOffset);
        // decode the typed body now, so that a bad value in it is a parse error, not a later surprise
        if (type == MessageType.REQUEST) {
            m.request();
        } else {
            m.report();
        }
        return m;
    }

    public static UpstreamMessage parseHex(String hex) {
        return parse(Hex.decode(hex));
    }

    /** Whether the MAC verifies under K_UP, compared in constant time (a forged or altered message fails). */
    public boolean verify(byte[] upKey) {
        return verify(CmacKey.of(upKey));
    }

    /** {@link #verify(byte[])} with K_UP wherever it lives (e.g. in the backend's PKCS#11 token). */
    public boolean verify(CmacKey upKey) {
        byte[] expected = upKey.mac(raw, 0, macOffset);
        return AesCmac.matches(expected, Arrays.copyOfRange(raw, macOffset, raw.length));
    }

    public MessageType type() {
        return type;
    }

    public CardApplicationId id() {
        return id;
    }

    /** The ATC the card gave this message. */
    public long atc() {
        return atc;
    }

    /** The action counter when the card signed. */
    public long ca() {
        return ca;
    }

    /** The action chain H the card signed (protocol.md 1.3): which actions it has executed, in order. A copy. */
    public byte[] chain() {
        return chain.clone();
    }

    public byte[] raw() {
        return raw.clone();
    }

    /** The body of a REQUEST. */
    public RequestBody request() {
        if (type != MessageType.REQUEST) {
            throw new IllegalStateException(type + " has no request body");
        }
        Bytes.Reader r = new Bytes.Reader(body);
        return new RequestBody(TransactionType.of(r.u8("transaction type")), r.u32("amount"),
                r.bytes(CardCommands.UNPREDICTABLE_NUMBER_LENGTH, "UN"),
                r.bytes(CardCommands.CHALLENGE_LENGTH, "challenge"), r.u32("balance"),
                LifeCycleState.of(r.u8("state")), r.u8("PIN tries"));
    }

    /** The session report of an ACK or INFO. */
    public SessionReport report() {
        if (type == MessageType.REQUEST) {
            throw new IllegalStateException("REQUEST has no session report");
        }
        Bytes.Reader r = new Bytes.Reader(body);
        return new SessionReport(r.u32("session ATC"), r.u32("CA at start"), r.u16("executed"),
                r.u32("first refused s"), r.u8("refusal code"), r.u32("balance"),
                LifeCycleState.of(r.u8("state")), r.u8("PIN tries"));
    }

    /** REQUEST body, protocol.md section 5.1. */
    public record RequestBody(TransactionType transactionType, long amount, byte[] unpredictableNumber,
                              byte[] challenge, long balance, LifeCycleState state, int pinTriesRemaining) {
    }

    /** ACK and INFO body, protocol.md section 5.2 (claims 2 and 3 of the patent). */
    public record SessionReport(long sessionAtc, long caAtStart, int executed, long firstRefusedSequence,
                                int refusalCode, long balance, LifeCycleState state, int pinTriesRemaining) {
    }

    @Override
    public String toString() {
        return type + "[" + id + ", ATC=" + atc + ", CA=" + ca + "]";
    }
}
