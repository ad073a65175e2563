package org.cardsync.protocol;

import java.util.Optional;

/**
 * Why the first refused command of a session was refused, as an ACK or INFO reports it
 * (docs/protocol.md section 5.3; a test reads that table and compares). A code from 01 to 7F is a
 * {@link MeritReason}: the action failed on its merits; the others are sequencing refusals.
 */
public enum RefusalCode {
    /** 01 to 7F: the action was refused on its merits; the code is its {@link MeritReason}. */
    MERIT_FAILURE(0x01, StatusWord.MERIT_FAILURE),
    ALREADY_APPLIED(0x91, StatusWord.ALREADY_APPLIED),
    OUT_OF_ORDER(0x92, StatusWord.OUT_OF_ORDER),
    SESSION_HALTED(0x93, StatusWord.SESSION_HALTED),
    COUNTER_SATURATED(0x94, StatusWord.COUNTER_SATURATED);

    private static final int LAST_MERIT_CODE = 0x7F;

    private final int code;
    private final StatusWord statusWord;

    RefusalCode(int code, StatusWord statusWord) {
        this.code = code;
        this.statusWord = statusWord;
    }

    /** The code in the report; for {@link #MERIT_FAILURE} the first of its range. */
    public int code() {
        return code;
    }

    /** The status word the card answered the refused command with. */
    public StatusWord statusWord() {
        return statusWord;
    }

    /** Whether a report's refusal code is a merit failure (01-7F) rather than a sequencing refusal. */
    public static boolean isMeritFailure(int code) {
        return code >= MERIT_FAILURE.code && code <= LAST_MERIT_CODE;
    }

    /** The refusal a report's code stands for, if it is one (00 means nothing was refused). */
    public static Optional<RefusalCode> of(int code) {
        if (isMeritFailure(code)) {
            return Optional.of(MERIT_FAILURE);
        }
        for (RefusalCode r : values()) {
            if (r != MERIT_FAILURE && r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
