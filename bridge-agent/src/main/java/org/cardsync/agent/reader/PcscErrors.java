package org.cardsync.agent.reader;

import java.util.Set;

/**
 * Reads the PC/SC error code out of what javax.smartcardio throws: the JDK wraps its PCSCException
 * (whose message is the code, e.g. {@code SCARD_E_NO_SERVICE}) in a CardException with a useless
 * message of its own, so the code sits one level down the cause chain.
 */
final class PcscErrors {

    private static final Set<String> SERVICE_GONE = Set.of("SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED",
            "SCARD_E_INVALID_HANDLE", "SCARD_F_COMM_ERROR", "SCARD_F_INTERNAL_ERROR");
    private static final Set<String> CARD_GONE = Set.of("SCARD_W_REMOVED_CARD", "SCARD_E_NO_SMARTCARD",
            "SCARD_W_RESET_CARD", "SCARD_W_UNPOWERED_CARD");
    private static final Set<String> READER_GONE = Set.of("SCARD_E_READER_UNAVAILABLE", "SCARD_E_UNKNOWN_READER",
            "SCARD_E_NO_READERS_AVAILABLE");

    private PcscErrors() {
    }

    /** The first {@code SCARD_*} code in the cause chain, or null. */
    static String code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.startsWith("SCARD_")) {
                int end = m.indexOf(' ');
                return end < 0 ? m : m.substring(0, end);
            }
        }
        return null;
    }

    static boolean serviceGone(Throwable t) {
        String code = code(t);
        return code != null && SERVICE_GONE.contains(code);
    }

    static boolean cardGone(Throwable t) {
        String code = code(t);
        return code != null && CARD_GONE.contains(code);
    }

    static boolean readerGone(Throwable t) {
        String code = code(t);
        return code != null && READER_GONE.contains(code);
    }
}
