package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.junit.jupiter.api.Test;

/** READ PARAMETER (80 32 0s 00), docs/protocol.md section 2. */
class ReadParameterTest {

    @Test
    void readParameter_returnsTheSlotsValue_andNothingForAnEmptySlot() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(CardCommands.readParameter(0)).hex()).isEqualTo("01029000");
        assertThat(card.send(CardCommands.readParameter(3)).hex()).isEqualTo("68656c6c6f9000");
        assertThat(card.send(CardCommands.readParameter(7)).hex()).isEqualTo("9000");
    }

    @Test
    void readParameter_withSlotAbove7OrP2NotZero_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(CardCommands.readParameter(8)).swHex()).isEqualTo("6A86");
        assertThat(card.send(CardCommands.readParameter(0xFF)).swHex()).isEqualTo("6A86");
        assertThat(card.send(Hex.decode("8032000100")).swHex()).isEqualTo("6A86");
    }

    @Test
    void readParameter_onNewApplication_isRefusedWith6985() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(CardCommands.readParameter(0)).swHex()).isEqualTo("6985");
    }

    @Test
    void readParameter_whenBlocked_isAnswered() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertThat(card.send(CardCommands.readParameter(0)).hex()).isEqualTo("01029000");
    }
}
