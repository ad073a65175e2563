package org.cardsync.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The status words of docs/protocol.md section 2.1, the only ones the applet answers with (a test reads
 * that table and compares). Two are families: {@link #PIN_WRONG} ({@code 63Cx}, x tries left) and
 * {@link #MERIT_FAILURE} ({@code 94rr}, rr a {@link MeritReason} code).
 */
public enum StatusWord {
    OK(0x9000),
    WRONG_LENGTH(0x6700),
    WRONG_DATA(0x6A80),
    WRONG_P1P2(0x6A86),
    INS_NOT_SUPPORTED(0x6D00),
    CLA_NOT_SUPPORTED(0x6E00),
    NOT_PERSONALISED(0x6985),
    ALREADY_PERSONALISED(0x6986),
    PIN_WRONG(0x63C0, 0xFFF0),
    PIN_BLOCKED(0x6983),
    PIN_REQUIRED(0x6982),
    BAD_MAC(0x6988),
    WRONG_SESSION(0x6A90),
    ALREADY_APPLIED(0x6A91),
    OUT_OF_ORDER(0x6A92),
    SESSION_HALTED(0x6A93),
    COUNTER_SATURATED(0x6A94),
    APPLICATION_BLOCKED(0x6A95),
    INSUFFICIENT_FUNDS(0x6A96),
    MERIT_FAILURE(0x9400, 0xFF00);

    private final int base;
    private final int mask;

    StatusWord(int sw) {
        this(sw, 0xFFFF);
    }

    StatusWord(int base, int mask) {
        this.base = base;
        this.mask = mask;
    }

    /** Whether {@code sw} is this status word (or one of its family). */
    public boolean matches(int sw) {
        return (sw & mask) == base;
    }

    /** The status word, or a family's first member (63C0, 9400). */
    public int sw() {
        return base;
    }

    /**
     * The code as docs/protocol.md writes it: four hex digits, with {@code x} for the PIN tries and
     * {@code rr} for the merit reason ("9000", "63Cx", "94rr").
     */
    public String documented() {
        String hex = String.format(Locale.ROOT, "%04X", base);
        return switch (mask) {
            case 0xFFF0 -> hex.substring(0, 3) + "x";
            case 0xFF00 -> hex.substring(0, 2) + "rr";
            default -> hex;
        };
    }

    /** The status word {@code sw} is, if it is one of the protocol's. */
    public static Optional<StatusWord> of(int sw) {
        for (StatusWord s : values()) {
            if (s.matches(sw)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
