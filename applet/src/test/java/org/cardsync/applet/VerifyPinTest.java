package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;

/** VERIFY PIN (00 20 00 80), docs/protocol.md section 2. */
class VerifyPinTest {

    @Test
    void verifyPin_withTheRightPin_validatesIt() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(CardCommands.verifyPin(IssuedCard.PIN)).swHex()).isEqualTo("9000");

        assertThat(card.status().pinValidated()).isTrue();
        assertThat(card.status().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void verifyPin_withWrongPins_countsDownTo63C0_thenAnswers6983EvenToTheRightPin() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(CardCommands.verifyPin("1111")).swHex()).isEqualTo("63C2");
        assertThat(card.send(CardCommands.verifyPin("12345")).swHex()).isEqualTo("63C1");
        assertThat(card.send(CardCommands.verifyPin("123")).swHex()).isEqualTo("6700");
        assertThat(card.send(CardCommands.verifyPin("0000")).swHex()).isEqualTo("63C0");
        assertThat(card.send(CardCommands.verifyPin(IssuedCard.PIN)).swHex()).isEqualTo("6983");

        assertThat(card.status().pinTriesRemaining()).isZero();
        assertThat(card.status().pinValidated()).isFalse();
    }

    @Test
    void verifyPin_rightPinAfterAWrongOne_restoresAllTries() {
        IssuedCard card = IssuedCard.personalised();
        card.send(CardCommands.verifyPin("9999"));

        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));

        assertThat(card.status().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void verifyPin_wrongAfterRight_clearsTheValidation() {
        IssuedCard card = IssuedCard.personalised();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));

        card.send(CardCommands.verifyPin("9999"));

        assertThat(card.status().pinValidated()).isFalse();
    }

    @Test
    void verifyPin_withThreeOrNineBytes_isRefusedWith6700WithoutCostingATry() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(CardCommands.verifyPin("123")).swHex()).isEqualTo("6700");
        assertThat(card.send(CardCommands.verifyPin("123456789")).swHex()).isEqualTo("6700");
        assertThat(card.send(Hex.decode("0020008000")).swHex()).isEqualTo("6700");

        assertThat(card.status().pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void verifyPin_withP1P2Not0080_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(Hex.decode("002000810431323334")).swHex()).isEqualTo("6A86");
        assertThat(card.send(Hex.decode("002001800431323334")).swHex()).isEqualTo("6A86");
        assertThat(card.status().pinValidated()).isFalse();
    }

    @Test
    void verifyPin_onNewApplication_isRefusedWith6985() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(CardCommands.verifyPin(IssuedCard.PIN)).swHex()).isEqualTo("6985");
    }

    @Test
    void verifyPin_whenBlocked_isRefusedWith6A95() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertThat(card.send(CardCommands.verifyPin(IssuedCard.PIN)).swHex()).isEqualTo("6A95");
        assertThat(card.status().pinTriesRemaining()).isEqualTo(3);
    }
}
