package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/** ACK (80 44 00 00), docs/protocol.md sections 4.2 and 5.2. */
class AckTest {

    @Test
    void ack_reportsTheSessionUnderKUp_withCaEqualToCaAtStartPlusExecuted() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100_000, 10, 20, 30));
        card.openSession();
        card.execute(21, 1, IssuedCard.u32(5));
        card.execute(22, 7, new byte[0]);

        UpstreamMessage ack = card.ack();

        assertThat(ack.type()).isEqualTo(MessageType.ACK);
        assertThat(ack.atc()).isEqualTo(32);
        assertThat(ack.ca()).isEqualTo(22);
        UpstreamMessage.SessionReport report = ack.report();
        assertThat(report.sessionAtc()).isEqualTo(31);
        assertThat(report.caAtStart()).isEqualTo(20);
        assertThat(report.executed()).isEqualTo(2);
        assertThat(report.caAtStart() + report.executed()).isEqualTo(ack.ca());
        assertThat(report.firstRefusedSequence()).isZero();
        assertThat(report.refusalCode()).isZero();
        assertThat(report.balance()).isEqualTo(15);
        assertThat(report.state()).isEqualTo(LifeCycleState.ACTIVE);
        assertThat(report.pinTriesRemaining()).isEqualTo(3);
    }

    @Test
    void ack_closesTheSession() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();

        card.ack();

        assertThat(card.status().sessionOpen()).isFalse();
        assertThat(card.execute(1, 1, IssuedCard.u32(5)).swHex()).isEqualTo("6A90");
    }

    @Test
    void ack_withNoOpenSession_isRefusedWith6A90AndCountsNothing() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(CardCommands.ack()).swHex()).isEqualTo("6A90");

        assertThat(card.status().atc()).isZero();
    }

    @Test
    void ack_whenAtcIsSaturated_isRefusedWith6A94_andTheSessionStaysOpen() {
        IssuedCard card = IssuedCard.personalised(
                IssuedCard.personalisation(IssuedCard.AID, 100, 10, 0, 0xFFFFFFFEL));
        card.openSession();

        assertThat(card.send(CardCommands.ack()).swHex()).isEqualTo("6A94");

        assertThat(card.status().atc()).isEqualTo(0xFFFFFFFFL);
        assertThat(card.status().sessionOpen()).isTrue();
    }

    @Test
    void ack_onNewApplication_isRefusedWith6985() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(CardCommands.ack()).swHex()).isEqualTo("6985");
    }

    @Test
    void ack_withP1P2NotZero_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();

        assertThat(card.send(Hex.decode("8044000100")).swHex()).isEqualTo("6A86");
        assertThat(card.status().sessionOpen()).isTrue();
    }

    @Test
    void ack_whenBlocked_isSignedWithStateBlocked() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertThat(card.ack().report().state()).isEqualTo(LifeCycleState.BLOCKED);
    }
}
