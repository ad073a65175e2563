package org.cardsync.agent.reader;

import java.lang.reflect.Field;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * The javax.smartcardio PC/SC context, with the one thing the JDK cannot do: start over.
 *
 * <p>The JDK's provider ({@code sun.security.smartcardio.PCSCTerminals}) establishes one PC/SC context
 * per JVM, keeps its handle in a static field and never re-establishes it. When pcscd restarts (or, on
 * Windows, the smart card service stops as the last reader is unplugged), that handle is dead for good
 * and every call fails with SCARD_E_NO_SERVICE or SCARD_E_INVALID_HANDLE. The known remedy, used for
 * instance by Eclipse Keyple's PC/SC plugin, is to zero that static field, forget the provider's cached
 * terminals and let a new TerminalFactory establish a fresh context. That takes reflective access:
 * {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED} (the agent's jar manifest
 * grants it). Without it the agent still works, but needs a restart after pcscd restarts.
 */
final class PcscContext {

    private static final Logger LOG = Logger.getLogger(PcscContext.class.getName());

    static {
        // The JDK answers 61xx and 6Cxx itself by default; ApduExchange does it for every reader kind,
        // simulated included, so switch the JDK's off to keep one behaviour (and one place to test it).
        // ChannelImpl reads these once, when it is first loaded, which is after this point.
        System.setProperty("sun.security.smartcardio.t0GetResponse",
                System.getProperty("sun.security.smartcardio.t0GetResponse", "false"));
        System.setProperty("sun.security.smartcardio.t1GetResponse",
                System.getProperty("sun.security.smartcardio.t1GetResponse", "false"));
    }

    private TerminalFactory factory;
    private boolean warnedNoReflection;
    private long generation;

    /** The current factory, creating it on first use. */
    synchronized TerminalFactory factory() throws ReaderException {
        if (factory == null) {
            try {
                factory = TerminalFactory.getInstance("PC/SC", null);
            } catch (NoSuchAlgorithmException e) {
                throw new ReaderException(ReaderFailure.PCSC_UNAVAILABLE,
                        "PC/SC is not available (is libpcsclite installed and pcscd running?)", e);
            }
        }
        return factory;
    }

    /** A fresh CardTerminals view; each has its own change-tracking state. */
    CardTerminals terminals() throws ReaderException {
        return factory().terminals();
    }

    /** Counts re-establishments, so that holders of terminals can tell theirs are stale. */
    synchronized long generation() {
        return generation;
    }

    /**
     * Drops the JDK's dead context and establishes a new one at once: a moment with the static handle at 0
     * would let another thread list readers with handle 0 and cache terminals bound to it.
     */
    synchronized void reset() {
        generation++;
        factory = null;
        try {
            Class<?> terminals = Class.forName("sun.security.smartcardio.PCSCTerminals");
            Field contextId = terminals.getDeclaredField("contextId");
            contextId.setAccessible(true);
            Field cache = terminals.getDeclaredField("terminals");
            cache.setAccessible(true);
            synchronized (terminals) { // PCSCTerminals.initContext() is static synchronized
                // The JDK offers no SCardReleaseContext; a context of a dead pcscd needs no releasing.
                contextId.setLong(null, 0L);
                ((Map<?, ?>) cache.get(null)).clear();
                try {
                    factory = TerminalFactory.getInstance("PC/SC", null); // establishes the new context
                    LOG.info("PC/SC context re-established");
                } catch (NoSuchAlgorithmException e) {
                    LOG.fine("PC/SC service still unavailable: " + e.getMessage());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warnedNoReflection) {
                warnedNoReflection = true;
                LOG.log(Level.WARNING, "cannot re-establish the PC/SC context (run with --add-opens"
                        + " java.smartcardio/sun.security.smartcardio=ALL-UNNAMED, as the agent jar does);"
                        + " restart the agent after pcscd restarts", e);
            }
        }
    }
}
