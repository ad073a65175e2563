package org.cardsync.protocol;

/** REQUEST transaction types (protocol.md section 4.1). */
public enum TransactionType {
    /** Open a session to receive pending actions; nothing else. */
    SYNC(0x01),
    /** Debit the purse; the card needs a PIN verified since selection. */
    PURCHASE(0x02),
    /** Prove the card to the portal: the REQUEST echoes a fresh server challenge under the card's MAC. */
    AUTHENTICATE(0x03);

    private final int code;

    TransactionType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TransactionType of(int code) {
        for (TransactionType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new ProtocolException(ProtocolError.BAD_VALUE, "unknown transaction type " + code);
    }
}
