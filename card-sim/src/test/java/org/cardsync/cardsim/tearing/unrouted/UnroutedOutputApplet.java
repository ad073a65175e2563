package org.cardsync.cardsim.tearing.unrouted;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.security.DESKey;

/**
 * A test-only applet that calls a library method writing into an array it is given which the harness
 * does not route (DESKey.getKey): TearingCard must refuse to load it, since that write could go to
 * persistent memory unseen by its journal.
 */
public final class UnroutedOutputApplet extends Applet {

    private final byte[] keyBytes = new byte[8];
    private DESKey key;

    public static void install(byte[] parameters, short offset, byte length) {
        new UnroutedOutputApplet().register(parameters, (short) (offset + 1), parameters[offset]);
    }

    @Override
    public void process(APDU apdu) {
        key.getKey(keyBytes, (short) 0);
    }
}
