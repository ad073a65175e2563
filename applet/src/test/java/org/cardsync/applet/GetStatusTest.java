package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.Test;

/** GET STATUS (80 30 00 00), docs/protocol.md section 7. */
class GetStatusTest {

    @Test
    void getStatus_onNewApplication_reportsStateNewWithZeroCardIdAndCounters() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        ResponseApdu response = card.transmit(CardCommands.getStatus());

        assertThat(response.hex()).isEqualTo("0101" + "0000000000000000" + "0a" + Hex.encode(IssuedCard.AID)
                + "00000000" + "00000000" + "00000000" + "00000000" + "00" + "00" + "00" + "9000");
    }

    @Test
    void getStatus_reportsSessionOpenAndPinValidatedFlags() {
        IssuedCard card = IssuedCard.personalised();
        assertThat(card.status().flags()).isZero();

        card.openSession();
        assertThat(card.status().sessionOpen()).isTrue();

        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        assertThat(card.status().flags()).isEqualTo(0x0C);

        card.ack();
        assertThat(card.status().flags()).isEqualTo(0x08);
    }

    @Test
    void getStatus_listsLoadedApplicationsWithStateAndLength() throws Exception {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] record = Hex.decode("0102030405");
        card.execute(1, 3, Hex.decode("0a0b00" + "0102030405"));
        card.execute(2, 3, Hex.decode("0c0d00" + "ff"));
        byte[] activate = new byte[36];
        activate[0] = 0x0a;
        activate[1] = 0x0b;
        activate[3] = 5;
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(record), 0, activate, 4, 32);
        assertThat(card.execute(3, 4, activate).swHex()).isEqualTo("9000");

        assertThat(card.status().applications()).containsExactly(
                new CardStatus.ApplicationEntry(0x0a0b, 2, 5), new CardStatus.ApplicationEntry(0x0c0d, 1, 1));
    }

    @Test
    void getStatus_withP1P2NotZero_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(Hex.decode("8030010000")).swHex()).isEqualTo("6A86");
        assertThat(card.send(Hex.decode("8030000100")).swHex()).isEqualTo("6A86");
    }

    @Test
    void getStatus_whenBlocked_isAnswered() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertThat(card.status().state()).isEqualTo(LifeCycleState.BLOCKED);
    }
}
