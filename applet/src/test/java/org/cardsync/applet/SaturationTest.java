package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/**
 * Rule 9: CA and ATC are 32-bit and saturate; at the maximum the card stops executing (CA) or signing
 * (ATC), says so with 6A94 and the GET STATUS flags, and never wraps to 0.
 */
class SaturationTest {

    private static final long MAX = 0xFFFFFFFFL;

    @Test
    void ca_reachesTheMaximumWithItsLastAction_thenExecutesNothingMore() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, MAX - 1, 0));
        card.openSession();

        assertThat(card.execute(MAX, 1, IssuedCard.u32(1)).swHex()).isEqualTo("9000");
        CardStatus status = card.status();
        assertThat(status.ca()).isEqualTo(MAX);
        assertThat(status.caSaturated()).isTrue();
        assertThat(status.atcSaturated()).isFalse();

        // s = CA + 1 modulo 2^32 would be 0: a wrapping card would run it.
        assertThat(card.execute(0, 1, IssuedCard.u32(1)).swHex()).isEqualTo("6A94");
        assertThat(card.execute(MAX, 1, IssuedCard.u32(1)).swHex()).isEqualTo("6A94");
        assertThat(card.status().ca()).isEqualTo(MAX);
        assertThat(card.status().balance()).isEqualTo(1);
    }

    @Test
    void ca_atTheMaximum_isStillReportedUnderMac_withTheRefusal() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, MAX, 0));
        card.openSession();
        card.execute(0, 1, IssuedCard.u32(1));

        UpstreamMessage ack = card.ack();

        assertThat(ack.ca()).isEqualTo(MAX);
        assertThat(ack.report().refusalCode()).isEqualTo(0x94);
        assertThat(ack.report().firstRefusedSequence()).isZero();
    }

    @Test
    void atc_reachesTheMaximumWithARequest_thenTheCardSignsNothingMore() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, 5, MAX - 1));

        UpstreamMessage request = card.openSession();
        assertThat(request.atc()).isEqualTo(MAX);

        assertThat(card.send(CardCommands.ack()).swHex()).isEqualTo("6A94");
        assertThat(card.send(CardCommands.info()).swHex()).isEqualTo("6A94");
        assertThat(card.send(IssuedCard.sync()).swHex()).isEqualTo("6A94");
        CardStatus status = card.status();
        assertThat(status.atc()).isEqualTo(MAX);
        assertThat(status.atcSaturated()).isTrue();
        assertThat(status.caSaturated()).isFalse();
        assertThat(status.flags()).isEqualTo(0x02 | 0x04);
    }

    @Test
    void atc_takenToTheMaximumByARequest_executesNothing_becauseNoMessageCouldReportIt() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, 5, MAX - 1));
        UpstreamMessage request = card.openSession();
        assertThat(request.atc()).isEqualTo(MAX);

        assertThat(card.execute(6, 1, IssuedCard.u32(1)).swHex()).isEqualTo("6A94");
        assertThat(card.status().ca()).isEqualTo(5);
        assertThat(card.status().balance()).as("the CREDIT did not run").isZero();
    }

    @Test
    void bothCounters_atTheMaximumFromPersonalisation_areFlaggedAndRefused() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, MAX, MAX));

        assertThat(card.status().flags()).isEqualTo(0x03);
        assertThat(card.send(IssuedCard.sync()).swHex()).isEqualTo("6A94");
        assertThat(card.send(CardCommands.info()).swHex()).isEqualTo("6A94");
        assertThat(card.status().atc()).isEqualTo(MAX);
    }

    @Test
    void executedCountOfASession_stopsAt65535_soThatCaStaysCaAtStartPlusExecuted() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        for (long s = 1; s <= 0xFFFF; s++) {
            if (!card.execute(s, 7, new byte[0]).isOk()) {
                throw new AssertionError("action " + s + " refused");
            }
        }

        assertThat(card.execute(0x10000, 7, new byte[0]).swHex()).isEqualTo("6A94");

        UpstreamMessage ack = card.ack();
        assertThat(ack.ca()).isEqualTo(0xFFFF);
        assertThat(ack.report().executed()).isEqualTo(0xFFFF);
        assertThat(ack.report().refusalCode()).isEqualTo(0x94);
        card.openSession();
        assertThat(card.execute(0x10000, 7, new byte[0]).swHex()).isEqualTo("9000");
    }
}
