package org.cardsync.agent.sim;

import java.io.IOException;
import java.nio.file.Path;
import org.cardsync.agent.testapplet.EchoApplet;

/** Simulated cards for tests: the test-only {@link EchoApplet}, personalised with "CAFE". */
public final class TestCards {

    public static final String CARD_ID = "00112233445566AA";
    public static final String AID = "F000000001000101";
    /** PERSONALISE (INS 10) with data CAFE. */
    public static final String PERSONALISE_APDU = "80100000" + "02" + "CAFE";

    private TestCards() {
    }

    public static Personalisation personalisation() {
        return Personalisation.parse("{\"format\":\"cardsync-personalisation/1\",\"cardId\":\"" + CARD_ID + "\","
                + "\"applications\":[{\"aid\":\"" + AID + "\",\"apdus\":[\"" + PERSONALISE_APDU + "\"]}]}", "test");
    }

    public static SimulatedCard open(Path stateDir) throws IOException {
        return SimulatedCard.open(personalisation(), stateDir, EchoApplet.class.getName(), false);
    }

    /** SELECT of the test application. */
    public static String selectApdu() {
        return "00A40400" + String.format("%02X", AID.length() / 2) + AID + "00";
    }
}
