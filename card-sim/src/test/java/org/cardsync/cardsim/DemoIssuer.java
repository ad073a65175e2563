package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.Personalisation;

/** The demo issuer of docs/test-vectors.json (test keys only). */
final class DemoIssuer {

    static final byte[] MASTER_KEY = Hex.decode("64656d6f2d6f6e6c792d6d6b2d763031");
    static final CardApplicationId APPLICATION = CardApplicationId.ofHex("0102030405060708", "f04341524453594e4301");

    private DemoIssuer() {
    }

    static Personalisation personalisation() {
        return Personalisation.derived(MASTER_KEY, APPLICATION, 100_000, 1_000, 3,
                "1234".getBytes(StandardCharsets.US_ASCII),
                Map.of(0, Hex.decode("0102"), 3, "hello".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Selects the demo application and personalises it. */
    static void personalise(CardSession session) {
        assertThat(session.select(APPLICATION.aid()).isOk()).isTrue();
        assertThat(session.personalise(personalisation()).isOk()).isTrue();
    }
}
