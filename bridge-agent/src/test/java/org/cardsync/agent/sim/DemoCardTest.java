package org.cardsync.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default simulated card: the demo card file built into the agent, on the real CardsyncApplet. */
class DemoCardTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @TempDir
    Path stateDir;

    @Test
    void demoCard_isBuiltIn_andIssuesOnTheRealAppletIntoActiveApplications() throws IOException {
        Personalisation demo = Personalisation.demoCardOrNull();
        assertThat(demo).as("demo/demo-card.json packaged as " + Personalisation.DEMO_CARD_RESOURCE).isNotNull();
        try (SimulatedCard card = SimulatedCard.open(demo, stateDir, SimulatedCard.DEFAULT_APPLET_CLASS, false)) {
            for (Personalisation.Application app : demo.applications()) {
                String aid = HEX.formatHex(app.aid());
                String select = "00A40400" + String.format("%02X", app.aid().length) + aid;
                assertThat(HEX.formatHex(card.transmit(HEX.parseHex(select)))).endsWith("9000");
                String status = HEX.formatHex(card.transmit(HEX.parseHex("8030000000")));
                // docs/protocol.md section 7: version 01, state 02 (ACTIVE), card id, AID length, AID...
                assertThat(status).startsWith("0102" + demo.cardId() + String.format("%02X", app.aid().length) + aid);
                assertThat(status).endsWith("9000");
            }
        }
    }
}
