package org.cardsync.cardsim.tearing.swallowing;

import javacard.framework.APDU;
import javacard.framework.Applet;

/**
 * A test-only applet that catches Throwable around its work: it could swallow a power loss, so
 * TearingCard must refuse to load it.
 */
public final class SwallowingApplet extends Applet {

    private short counter;

    public static void install(byte[] parameters, short offset, byte length) {
        new SwallowingApplet().register(parameters, (short) (offset + 1), parameters[offset]);
    }

    @Override
    public void process(APDU apdu) {
        try {
            counter++;
        } catch (Throwable anything) {
            counter = 0;
        }
    }
}
