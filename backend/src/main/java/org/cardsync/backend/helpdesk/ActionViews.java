package org.cardsync.backend.helpdesk;

import java.util.HexFormat;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;

/** An action as the console shows it, with a one-line summary of its payload ("CREDIT 2000", "WRITE_PARAMETER slot 3"). */
public final class ActionViews {
    private ActionViews() {
    }

    public static ConsoleViews.ActionView view(Action a) {
        return new ConsoleViews.ActionView(a.id, a.type.name(), a.payload, summary(a), a.state.name(), a.sequenceNumber,
                a.attempts, a.meritFailures, a.reason, a.cancelRequested,
                a.cancelRequested && a.state == ActionState.IN_FLIGHT, a.requestedBy, a.createdAt, a.updatedAt);
    }

    /** The payload in words; the layouts are protocol.md 6.1's (amounts unsigned 32-bit, ids 16-bit, big-endian). */
    static String summary(Action a) {
        byte[] p = HexFormat.of().parseHex(a.payload);
        return switch (a.type) {
            case CREDIT -> p.length == 4 ? "CREDIT " + unsigned(p, 0, 4) : "CREDIT";
            case WRITE_PARAMETER -> p.length >= 1 ? "WRITE_PARAMETER slot " + (p[0] & 0xFF)
                    + " = " + HexFormat.of().formatHex(p, 1, p.length) : "WRITE_PARAMETER";
            case LOAD_APPLICATION_BLOCK -> p.length >= 3 ? "LOAD_APPLICATION_BLOCK app " + unsigned(p, 0, 2)
                    + " block " + (p[2] & 0xFF) + " (" + (p.length - 3) + " bytes)" : "LOAD_APPLICATION_BLOCK";
            case LOAD_APPLICATION_ACTIVATE -> p.length >= 4 ? "LOAD_APPLICATION_ACTIVATE app " + unsigned(p, 0, 2)
                    + " (" + unsigned(p, 2, 2) + " bytes)" : "LOAD_APPLICATION_ACTIVATE";
            case BLOCK, UNBLOCK, RESET_PIN_TRIES -> a.type.name();
        };
    }

    private static long unsigned(byte[] bytes, int from, int length) {
        long value = 0;
        for (int i = from; i < from + length; i++) {
            value = value << 8 | bytes[i] & 0xFF;
        }
        return value;
    }
}
