package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.apdu.CommandApdu;
import org.junit.jupiter.api.Test;

/**
 * EXECUTE (80 42 00 00), docs/protocol.md section 6.0: each check in its order, each refusal with its
 * status word and nothing changed, and the session's record of the first refusal. The actions' own
 * merits are in {@link ExecuteActionsTest}.
 */
class ExecuteTest {

    private static final byte[] CREDIT_5 = IssuedCard.u32(5);

    @Test
    void execute_withValidCommand_appliesTheActionAndIncrementsCa() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();

        assertThat(card.execute(1, 1, CREDIT_5).hex()).isEqualTo("9000");

        assertThat(card.status().ca()).isEqualTo(1);
        assertThat(card.status().balance()).isEqualTo(1_005);
    }

    @Test
    void execute_onNewApplication_isRefusedWith6985() {
        IssuedCard issued = IssuedCard.personalised();
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(CardCommands.execute(issued.command(1, 1, 1, CREDIT_5))).swHex()).isEqualTo("6985");
    }

    @Test
    void execute_withP1P2NotZero_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] apdu = CardCommands.execute(card.command(1, 1, CREDIT_5)).bytes();
        apdu[3] = 1;

        assertRefused(card, IssuedCard.apdu(apdu), "6A86");
    }

    @Test
    void execute_withLengthNot27PlusP_isRefusedWith6700() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] command = card.command(1, 1, CREDIT_5);

        assertRefused(card, CardCommands.execute(Arrays.copyOf(command, command.length - 1)), "6700");
        assertRefused(card, CardCommands.execute(Arrays.copyOf(command, command.length + 1)), "6700");
        assertRefused(card, CardCommands.execute(Arrays.copyOf(command, 26)), "6700");
        assertRefused(card, IssuedCard.apdu("8042000000"), "6700");
    }

    @Test
    void execute_withVersionNot1_isRefusedWith6A80() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] command = card.command(1, 1, CREDIT_5);
        command[0] = 2;

        assertRefused(card, CardCommands.execute(command), "6A80");
    }

    @Test
    void execute_withBadMac_isRefusedWith6988_andIsNotRecordedAsARefusal() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] command = card.command(1, 1, CREDIT_5);
        command[command.length - 1] ^= 0x01;

        assertRefused(card, CardCommands.execute(command), "6988");

        assertThat(card.ack().report().refusalCode()).isZero();
    }

    @Test
    void execute_signedWithTheUpKeyInsteadOfTheDownKey_isRefusedWith6988() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] command = card.command(1, 1, CREDIT_5);
        byte[] macInput = new byte[card.id.encode().length + command.length - 16];
        System.arraycopy(card.id.encode(), 0, macInput, 0, card.id.encode().length);
        System.arraycopy(command, 0, macInput, card.id.encode().length, command.length - 16);
        System.arraycopy(org.cardsync.protocol.AesCmac.mac(card.upKey, macInput), 0, command, command.length - 16, 16);

        assertRefused(card, CardCommands.execute(command), "6988");
    }

    @Test
    void execute_withNoOpenSession_isRefusedWith6A90() {
        IssuedCard card = IssuedCard.personalised();

        assertRefused(card, CardCommands.execute(card.command(1, 1, 1, CREDIT_5)), "6A90");
    }

    @Test
    void execute_boundToAnotherAtc_isRefusedWith6A90_andIsNotRecorded() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();

        assertRefused(card, CardCommands.execute(card.command(card.sessionAtc + 1, 1, 1, CREDIT_5)), "6A90");

        assertThat(card.ack().report().refusalCode()).isZero();
    }

    @Test
    void execute_afterAMeritFailure_isRefusedWith6A93() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        assertThat(card.execute(1, 1, IssuedCard.u32(1_000_000)).swHex()).isEqualTo("9401");

        assertRefused(card, CardCommands.execute(card.command(1, 1, CREDIT_5)), "6A93");

        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.firstRefusedSequence()).isEqualTo(1);
        assertThat(report.refusalCode()).isEqualTo(0x01);
    }

    @Test
    void execute_whenCaIsSaturated_isRefusedWith6A94AndRecorded() {
        IssuedCard card = IssuedCard.personalised(
                IssuedCard.personalisation(IssuedCard.AID, 100, 10, 0xFFFFFFFFL, 0));
        card.openSession();

        assertRefused(card, CardCommands.execute(card.command(0, 1, CREDIT_5)), "6A94");

        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.refusalCode()).isEqualTo(0x94);
        assertThat(report.firstRefusedSequence()).isZero();
    }

    @Test
    void execute_withSequenceAtOrBelowCa_isRefusedWith6A91AndRecorded() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100_000, 0, 10, 0));
        card.openSession();

        assertRefused(card, CardCommands.execute(card.command(10, 1, CREDIT_5)), "6A91");
        assertRefused(card, CardCommands.execute(card.command(0, 1, CREDIT_5)), "6A91");

        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.firstRefusedSequence()).isEqualTo(10);
        assertThat(report.refusalCode()).isEqualTo(0x91);
    }

    @Test
    void execute_withSequenceAboveCaPlusOne_isRefusedWith6A92AndRecorded() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100_000, 0, 10, 0));
        card.openSession();

        assertRefused(card, CardCommands.execute(card.command(12, 1, CREDIT_5)), "6A92");
        assertRefused(card, CardCommands.execute(card.command(0xFFFFFFFFL, 1, CREDIT_5)), "6A92");

        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.firstRefusedSequence()).isEqualTo(12);
        assertThat(report.refusalCode()).isEqualTo(0x92);
    }

    @Test
    void execute_anythingButUnblockWhileBlocked_isRefusedWith940A_andHaltsTheSession() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertRefused(card, CardCommands.execute(card.command(2, 1, CREDIT_5)), "940A");
        assertRefused(card, CardCommands.execute(card.command(2, 6, new byte[0])), "6A93");
    }

    @Test
    void execute_onlyTheFirstRefusalOfASession_isRecorded() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(3, 1, CREDIT_5);
        card.execute(1, 2, Hex.decode("09"));
        card.execute(2, 1, CREDIT_5);

        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.firstRefusedSequence()).isEqualTo(3);
        assertThat(report.refusalCode()).isEqualTo(0x92);
        assertThat(report.executed()).isZero();
    }

    @Test
    void execute_payloadOf228Bytes_isTheLongestAccepted() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] payload = new byte[228];
        payload[0] = 1;

        // A WRITE_PARAMETER with 227 value bytes: the command is well formed, the value too long (03).
        assertThat(card.execute(1, 2, payload).swHex()).isEqualTo("9403");
    }

    private static void assertRefused(IssuedCard card, CommandApdu apdu, String expectedSw) {
        var before = card.snapshot();
        assertThat(card.send(apdu).swHex()).isEqualTo(expectedSw);
        assertThat(card.snapshot()).isEqualTo(before);
    }
}
