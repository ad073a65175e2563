package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The class and instruction gate of process(), docs/protocol.md section 2. */
class ClassAndInstructionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "8050000000, 6D00",
        "80FF000000, 6D00",
        "8020008004, 6D00",
        "80A4040000, 6D00",
        "0030000000, 6E00",
        "0042000000, 6E00",
        "8430000000, 6E00",
        "A030000000, 6E00",
        "FF20008000, 6E00",
    })
    void unknownInstructionOrClass_isRefused(String apdu, String expectedSw) {
        IssuedCard card = IssuedCard.personalised();
        var before = card.snapshot();

        assertThat(card.send(apdu).swHex()).isEqualTo(expectedSw);

        assertThat(card.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "8050000000, 6D00",
        "0030000000, 6E00",
        "8032000000, 6985",
        "8040000000, 6985",
        "8042000000, 6985",
        "8044000000, 6985",
        "8046000000, 6985",
        "0020008004, 6985",
    })
    void onNewApplication_onlyPersonaliseStatusAndSelectAreAnswered(String apdu, String expectedSw) {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(IssuedCard.apdu(apdu)).swHex()).isEqualTo(expectedSw);
    }
}
