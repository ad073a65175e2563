package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;

/** SELECT (00 A4 04 00), docs/protocol.md section 2: a selection starts from a clean session. */
class SelectTest {

    @Test
    void select_answers9000_inEveryState() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        assertThat(card.transmit(CardCommands.select(IssuedCard.AID)).hex()).isEqualTo("9000");

        IssuedCard issued = IssuedCard.personalised();
        assertThat(issued.send(CardCommands.select(IssuedCard.AID)).hex()).isEqualTo("9000");
    }

    @Test
    void select_again_closesTheOpenSessionAndClearsThePinValidation() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));

        card.select();

        CardStatus status = card.status();
        assertThat(status.sessionOpen()).isFalse();
        assertThat(status.pinValidated()).isFalse();
        assertThat(card.execute(1, 1, IssuedCard.u32(5)).swHex()).isEqualTo("6A90");
    }

    @Test
    void select_ofAnAidThatIsNotOnTheCard_isAnswered6A82AndKeepsTheSelection() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();

        assertThat(card.send(CardCommands.select(Hex.decode("a000000000000001"))).swHex()).isEqualTo("6A82");

        assertThat(card.status().sessionOpen()).isTrue();
        assertThat(card.execute(1, 1, IssuedCard.u32(5)).swHex()).isEqualTo("9000");
    }
}
