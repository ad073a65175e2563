package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.cardsync.protocol.ActionChain;
import org.cardsync.protocol.ActionType;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.ScriptCommand;
import org.cardsync.protocol.UpstreamMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The action chain H, docs/protocol.md section 1.3: zero until an action runs, moved by every executed
 * command exactly as the protocol module's {@link ActionChain#next} computes it, by nothing else, signed
 * in every upstream message and kept, like CA, across a card reset.
 */
class ActionChainTest {

    private static final byte[] CREDIT_5 = IssuedCard.u32(5);
    private static final long MAX = 0xFFFF_FFFFL;

    private static byte[] macOf(byte[] command) {
        return Arrays.copyOfRange(command, command.length - 16, command.length);
    }

    @Test
    void personalise_leavesTheChainZero_whateverTheInitialCa() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 1_000, 0, 41, 7));

        UpstreamMessage request = card.openSession();

        assertThat(request.ca()).isEqualTo(41);
        assertThat(request.chain()).isEqualTo(ActionChain.initial());
    }

    @Test
    void execute_movesTheChainOverEachCommandsMac_inOrder() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] first = card.command(1, ActionType.CREDIT.code(), CREDIT_5);
        byte[] second = card.command(2, ActionType.WRITE_PARAMETER.code(), new byte[] {1, 0x42});
        byte[] third = card.command(3, ActionType.RESET_PIN_TRIES.code(), new byte[0]);
        // The server's view of the first command gives the same MAC the card chains.
        assertThat(new ScriptCommand(card.sessionAtc, 1, ActionType.CREDIT, CREDIT_5).mac(card.downKey, card.id))
                .isEqualTo(macOf(first));

        for (byte[] command : new byte[][] {first, second, third}) {
            assertThat(card.execute(command).swHex()).isEqualTo("9000");
        }
        UpstreamMessage ack = card.ack();

        byte[] expected = ActionChain.initial();
        for (byte[] command : new byte[][] {first, second, third}) {
            expected = ActionChain.next(card.upKey, expected, macOf(command));
        }
        assertThat(ack.ca()).isEqualTo(3);
        assertThat(ack.chain()).isEqualTo(expected);

        // The next session starts from there.
        UpstreamMessage request = card.openSession();
        assertThat(request.chain()).isEqualTo(expected);
        byte[] fourth = card.command(4, ActionType.CREDIT.code(), CREDIT_5);
        assertThat(card.execute(fourth).swHex()).isEqualTo("9000");
        assertThat(card.info().chain()).isEqualTo(ActionChain.next(card.upKey, expected, macOf(fourth)));
    }

    @Test
    void theSameActions_inAnotherSession_giveAnotherChain() {
        IssuedCard once = IssuedCard.personalised();
        once.openSession();
        assertThat(once.execute(1, ActionType.CREDIT, CREDIT_5).swHex()).isEqualTo("9000");
        IssuedCard later = IssuedCard.personalised();
        later.openSession();
        later.info();
        later.openSession();
        assertThat(later.execute(1, ActionType.CREDIT, CREDIT_5).swHex()).isEqualTo("9000");

        // Same CA, same effect, but a different command (another session ATC): the chain tells them apart.
        UpstreamMessage a = once.info();
        UpstreamMessage b = later.info();
        assertThat(a.ca()).isEqualTo(b.ca());
        assertThat(a.chain()).isNotEqualTo(b.chain());
    }

    /**
     * Every refusal of section 6.0 after one action ran: the chain the next INFO signs is still the one
     * over that action alone, and CA is still 1.
     */
    @TestFactory
    Stream<DynamicTest> refusedExecute_leavesTheChainUnchanged() {
        return Stream.of(
                refusal("6A86 P1/P2", "6A86", card -> {
                    byte[] apdu = CardCommands.execute(card.command(2, 1, CREDIT_5)).bytes();
                    apdu[3] = 1;
                    return card.send(apdu).swHex();
                }),
                refusal("6700 length", "6700", card -> {
                    byte[] command = card.command(2, 1, CREDIT_5);
                    return card.execute(Arrays.copyOf(command, command.length - 1)).swHex();
                }),
                refusal("6A80 version", "6A80", card -> {
                    byte[] command = card.command(2, 1, CREDIT_5);
                    command[0] = 2;
                    return card.execute(command).swHex();
                }),
                refusal("6988 bad MAC", "6988", card -> {
                    byte[] command = card.command(2, 1, CREDIT_5);
                    command[command.length - 1] ^= 0x01;
                    return card.execute(command).swHex();
                }),
                refusal("6A90 another session", "6A90",
                        card -> card.execute(card.command(card.sessionAtc + 1, 2, 1, CREDIT_5)).swHex()),
                refusal("6A91 already applied", "6A91", card -> card.execute(1, ActionType.CREDIT, CREDIT_5).swHex()),
                refusal("6A92 out of order", "6A92", card -> card.execute(3, ActionType.CREDIT, CREDIT_5).swHex()),
                refusal("9401 merit failure", "9401",
                        card -> card.execute(2, ActionType.CREDIT, IssuedCard.u32(1_000_000)).swHex()),
                refusal("6A93 session halted", "6A93", card -> {
                    assertThat(card.execute(2, ActionType.CREDIT, IssuedCard.u32(1_000_000)).swHex()).isEqualTo("9401");
                    return card.execute(2, ActionType.CREDIT, CREDIT_5).swHex();
                }));
    }

    private interface Refusal {
        String send(IssuedCard card);
    }

    private static DynamicTest refusal(String name, String expectedSw, Refusal refusal) {
        return DynamicTest.dynamicTest(name, () -> {
            IssuedCard card = IssuedCard.personalised();
            card.openSession();
            byte[] first = card.command(1, ActionType.CREDIT.code(), CREDIT_5);
            assertThat(card.execute(first).swHex()).isEqualTo("9000");

            assertThat(refusal.send(card)).isEqualTo(expectedSw);

            UpstreamMessage info = card.info();
            assertThat(info.ca()).isEqualTo(1);
            assertThat(info.chain()).isEqualTo(ActionChain.next(card.upKey, ActionChain.initial(), macOf(first)));
        });
    }

    @Test
    void executeRefusedWhileBlocked_leavesTheChainAtTheBlock() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] block = card.command(1, ActionType.BLOCK.code(), new byte[0]);
        assertThat(card.execute(block).swHex()).isEqualTo("9000");

        assertThat(card.execute(2, ActionType.CREDIT, CREDIT_5).swHex()).isEqualTo("940A");

        assertThat(card.info().chain()).isEqualTo(ActionChain.next(card.upKey, ActionChain.initial(), macOf(block)));
    }

    @Test
    void executeRefusedAtCaSaturation_leavesTheChainAtTheLastAction() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100_000, 0, MAX - 1, 0));
        card.openSession();
        byte[] last = card.command(MAX, ActionType.CREDIT.code(), CREDIT_5);
        assertThat(card.execute(last).swHex()).isEqualTo("9000");
        card.info();
        card.openSession();

        assertThat(card.execute(MAX, ActionType.CREDIT, CREDIT_5).swHex()).isEqualTo("6A94");

        UpstreamMessage info = card.info();
        assertThat(info.ca()).isEqualTo(MAX);
        assertThat(info.chain()).isEqualTo(ActionChain.next(card.upKey, ActionChain.initial(), macOf(last)));
    }

    @Test
    void requestAckAndInfo_signTheChain_soAnAlteredChainFailsTheMac() {
        IssuedCard card = IssuedCard.personalised();
        UpstreamMessage request = card.openSession();
        assertThat(card.execute(1, ActionType.CREDIT, CREDIT_5).swHex()).isEqualTo("9000");
        UpstreamMessage ack = card.ack();
        UpstreamMessage info = card.info();

        for (UpstreamMessage m : new UpstreamMessage[] {request, ack, info}) {
            // The chain is the 16 bytes after CA: header 11 + AID (10) + ATC (4) + CA (4) = offset 29.
            byte[] raw = m.raw();
            assertThat(Arrays.copyOfRange(raw, 29, 45)).as("chain of %s", m).isEqualTo(m.chain());
            raw[29 + 15] ^= 0x01;
            assertThat(UpstreamMessage.parse(raw).verify(card.upKey)).as("altered chain of %s", m).isFalse();
        }
        assertThat(request.chain()).isEqualTo(ActionChain.initial());
        assertThat(ack.chain()).isEqualTo(info.chain()).isNotEqualTo(ActionChain.initial());
    }

    @Test
    void eachInstance_keepsItsOwnChain() {
        JcardsimCard card = IssuedCard.blankCard(IssuedCard.AID, IssuedCard.SECOND_AID);
        Personalisation firstPersonalisation = IssuedCard.personalisation(IssuedCard.AID, 10_000, 100, 0, 0);
        IssuedCard first = IssuedCard.on(card, firstPersonalisation);
        first.expectOk(CardCommands.personalise(firstPersonalisation));
        first.openSession();
        byte[] credit = first.command(1, ActionType.CREDIT.code(), CREDIT_5);
        assertThat(first.execute(credit).swHex()).isEqualTo("9000");
        first.ack();

        Personalisation secondPersonalisation = IssuedCard.personalisation(IssuedCard.SECOND_AID, 10_000, 100, 0, 0);
        IssuedCard second = IssuedCard.on(card, secondPersonalisation);
        second.expectOk(CardCommands.personalise(secondPersonalisation));
        assertThat(second.openSession().chain()).isEqualTo(ActionChain.initial());

        first.select();
        assertThat(first.openSession().chain())
                .isEqualTo(ActionChain.next(first.upKey, ActionChain.initial(), macOf(credit)));
    }

    @Test
    void cardReset_keepsTheChainAndLosesTheSession() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] first = card.command(1, ActionType.CREDIT.code(), CREDIT_5);
        byte[] second = card.command(2, ActionType.CREDIT.code(), CREDIT_5);
        assertThat(card.execute(first).swHex()).isEqualTo("9000");

        card.card.removeAndReinsert();
        card.select();

        assertThat(card.execute(second).swHex()).as("the session is gone").isEqualTo("6A90");
        assertThat(card.send(CardCommands.ack()).swHex()).as("no session to acknowledge").isEqualTo("6A90");
        UpstreamMessage info = card.info();
        assertThat(info.report().sessionAtc()).isZero();
        assertThat(info.ca()).isEqualTo(1);
        assertThat(info.chain()).isEqualTo(ActionChain.next(card.upKey, ActionChain.initial(), macOf(first)));
    }
}
