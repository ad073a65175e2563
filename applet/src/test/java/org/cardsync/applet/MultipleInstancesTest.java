package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.Test;

/**
 * Rule 1: several instances of the applet on one card, one per AID, each with its own CA, ATC, keys,
 * purse, parameters and session.
 */
class MultipleInstancesTest {

    private final JcardsimCard card = IssuedCard.blankCard(IssuedCard.AID, IssuedCard.SECOND_AID);
    private final Personalisation firstPersonalisation =
            IssuedCard.personalisation(IssuedCard.AID, 10_000, 100, 0, 0);
    private final Personalisation secondPersonalisation =
            IssuedCard.personalisation(IssuedCard.SECOND_AID, 20_000, 200, 50, 70);
    private final IssuedCard first = IssuedCard.on(card, firstPersonalisation);
    private final IssuedCard second;

    MultipleInstancesTest() {
        first.expectOk(CardCommands.personalise(firstPersonalisation));
        second = IssuedCard.on(card, secondPersonalisation);
        second.expectOk(CardCommands.personalise(secondPersonalisation));
    }

    @Test
    void twoInstances_haveTheirOwnKeys_derivedForTheirAid() {
        assertThat(first.upKey).isNotEqualTo(second.upKey);
        assertThat(first.downKey).isNotEqualTo(second.downKey);
    }

    @Test
    void actionsOnOneInstance_changeNeitherCountersNorPurseNorParametersOfTheOther() {
        first.select();
        first.openSession();
        first.execute(1, 1, IssuedCard.u32(5));
        first.execute(2, 2, Hex.decode("03cafe"));
        first.ack();

        second.select();
        CardStatus secondStatus = second.status();
        assertThat(secondStatus.aid()).isEqualTo(IssuedCard.SECOND_AID);
        assertThat(secondStatus.ca()).isEqualTo(50);
        assertThat(secondStatus.atc()).isEqualTo(70);
        assertThat(secondStatus.balance()).isEqualTo(200);
        assertThat(second.send(CardCommands.readParameter(3)).hex()).isEqualTo("68656c6c6f9000");

        first.select();
        CardStatus firstStatus = first.status();
        assertThat(firstStatus.ca()).isEqualTo(2);
        assertThat(firstStatus.atc()).isEqualTo(2);
        assertThat(firstStatus.balance()).isEqualTo(105);
        assertThat(first.send(CardCommands.readParameter(3)).hex()).isEqualTo("cafe9000");
    }

    @Test
    void commandForOneInstance_isRefusedByTheOther_evenWithTheSameCardIdSessionAtcAndSequence() {
        // Give both instances a session with ATC 71 and CA 50, so that only the AID and keys differ.
        IssuedCard firstAt = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 10_000, 0, 50, 70));
        firstAt.openSession();
        second.select();
        second.openSession();
        assertThat(second.sessionAtc).isEqualTo(firstAt.sessionAtc);

        byte[] forFirst = firstAt.command(51, 1, IssuedCard.u32(5));
        assertThat(second.execute(forFirst).swHex()).isEqualTo("6988");
        assertThat(firstAt.execute(forFirst).swHex()).isEqualTo("9000");
    }

    @Test
    void messagesOfOneInstance_doNotVerifyUnderTheOthersKey() {
        first.select();
        UpstreamMessage message = first.openSession();

        assertThat(message.verify(first.upKey)).isTrue();
        assertThat(message.verify(second.upKey)).isFalse();
        assertThat(message.id().aid()).isEqualTo(IssuedCard.AID);
    }

    @Test
    void selectingTheOtherInstance_closesTheFirstOnesSession() {
        first.select();
        first.openSession();
        byte[] command = first.command(1, 1, IssuedCard.u32(5));

        second.select();
        first.select();

        assertThat(first.execute(command).swHex()).isEqualTo("6A90");
    }

    @Test
    void personalisingOneInstance_leavesTheOtherNew() {
        JcardsimCard fresh = IssuedCard.blankCard(IssuedCard.AID, IssuedCard.SECOND_AID);
        IssuedCard one = IssuedCard.on(fresh, firstPersonalisation);
        one.expectOk(CardCommands.personalise(firstPersonalisation));

        IssuedCard other = IssuedCard.on(fresh, secondPersonalisation);
        assertThat(other.status().state()).isEqualTo(LifeCycleState.NEW);
        assertThat(other.send(IssuedCard.sync()).swHex()).isEqualTo("6985");
    }
}
