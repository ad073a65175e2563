package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/** INFO (80 46 00 00), docs/protocol.md sections 4.2 and 5.2. */
class InfoTest {

    @Test
    void info_withNoSession_sendsTheEmptyReportWithTheCurrentCa() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100_000, 10, 20, 30));

        UpstreamMessage info = card.info();

        assertThat(info.type()).isEqualTo(MessageType.INFO);
        assertThat(info.atc()).isEqualTo(31);
        assertThat(info.ca()).isEqualTo(20);
        UpstreamMessage.SessionReport report = info.report();
        assertThat(report.sessionAtc()).isZero();
        assertThat(report.caAtStart()).isEqualTo(20);
        assertThat(report.executed()).isZero();
        assertThat(report.firstRefusedSequence()).isZero();
        assertThat(report.refusalCode()).isZero();
        assertThat(report.balance()).isEqualTo(10);
    }

    @Test
    void info_duringASession_reportsItAndClosesIt() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 1, IssuedCard.u32(5));
        card.execute(3, 1, IssuedCard.u32(5));

        UpstreamMessage.SessionReport report = card.info().report();

        assertThat(report.sessionAtc()).isEqualTo(1);
        assertThat(report.executed()).isEqualTo(1);
        assertThat(report.firstRefusedSequence()).isEqualTo(3);
        assertThat(report.refusalCode()).isEqualTo(0x92);
        assertThat(card.status().sessionOpen()).isFalse();
        assertThat(card.execute(2, 1, IssuedCard.u32(5)).swHex()).isEqualTo("6A90");
    }

    @Test
    void info_whenAtcIsSaturated_isRefusedWith6A94() {
        IssuedCard card = IssuedCard.personalised(
                IssuedCard.personalisation(IssuedCard.AID, 100, 10, 0, 0xFFFFFFFFL));

        assertThat(card.send(CardCommands.info()).swHex()).isEqualTo("6A94");
    }

    @Test
    void info_onNewApplication_isRefusedWith6985() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(CardCommands.info()).swHex()).isEqualTo("6985");
    }

    @Test
    void info_withP1P2NotZero_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();

        assertThat(card.send(Hex.decode("8046010000")).swHex()).isEqualTo("6A86");
        assertThat(card.status().atc()).isZero();
    }
}
