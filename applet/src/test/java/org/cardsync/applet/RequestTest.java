package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import org.cardsync.protocol.CardClient;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.apdu.CommandApdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** REQUEST (80 40 00 00), docs/protocol.md sections 4.1 and 5.1. */
class RequestTest {

    private static final byte[] UN = Hex.decode("11223344");
    private static final byte[] CHALLENGE = Hex.decode("a1a2a3a4a5a6a7a8a9aaabacadaeafb0");

    @Test
    void requestSync_countsTheAtc_signsWithKUp_andOpensASessionBoundToThatAtc() {
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(IssuedCard.AID, 100, 50, 41, 10));

        UpstreamMessage message = card.signed(CardCommands.request(TransactionType.SYNC, 0, UN, CHALLENGE));

        assertThat(message.type()).isEqualTo(MessageType.REQUEST);
        assertThat(message.atc()).isEqualTo(11);
        assertThat(message.ca()).isEqualTo(41);
        UpstreamMessage.RequestBody body = message.request();
        assertThat(body.transactionType()).isEqualTo(TransactionType.SYNC);
        assertThat(body.amount()).isZero();
        assertThat(body.unpredictableNumber()).isEqualTo(UN);
        assertThat(body.challenge()).isEqualTo(CHALLENGE);
        assertThat(body.balance()).isEqualTo(50);
        assertThat(body.state()).isEqualTo(LifeCycleState.ACTIVE);
        assertThat(body.pinTriesRemaining()).isEqualTo(3);
        assertThat(card.status().atc()).isEqualTo(11);
        assertThat(card.status().sessionOpen()).isTrue();
        card.sessionAtc = 11;
        assertThat(card.execute(42, 1, IssuedCard.u32(1)).swHex()).isEqualTo("9000");
    }

    /** The message is framed in the APDU buffer over the command data; short AIDs make them overlap. */
    @ParameterizedTest(name = "AID of {0} bytes")
    @org.junit.jupiter.params.provider.ValueSource(ints = {5, 6, 9, 10, 11, 16})
    void request_forAnyAidLength_echoesTheRequestDataIntactUnderTheMac(int aidLength) {
        byte[] aid = new byte[aidLength];
        aid[0] = (byte) 0xF0;
        for (int i = 1; i < aidLength; i++) {
            aid[i] = (byte) i;
        }
        IssuedCard card = IssuedCard.personalised(IssuedCard.personalisation(aid, 100, 10, 0, 0));

        UpstreamMessage message = card.signed(CardCommands.request(TransactionType.AUTHENTICATE, 0, UN, CHALLENGE));

        assertThat(message.id().aid()).isEqualTo(aid);
        assertThat(message.request().unpredictableNumber()).isEqualTo(UN);
        assertThat(message.request().challenge()).isEqualTo(CHALLENGE);
        assertThat(message.request().balance()).isEqualTo(10);
    }

    @Test
    void requestAuthenticate_echoesTheServerChallengeUnderTheMac() {
        IssuedCard card = IssuedCard.personalised();

        UpstreamMessage message = card.signed(CardCommands.request(TransactionType.AUTHENTICATE, 0, UN, CHALLENGE));

        assertThat(message.request().transactionType()).isEqualTo(TransactionType.AUTHENTICATE);
        assertThat(message.request().challenge()).isEqualTo(CHALLENGE);
    }

    @Test
    void requestPurchase_afterVerifyPin_debitsThePurseAtomicallyWithTheAtc() {
        IssuedCard card = IssuedCard.personalised();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));

        UpstreamMessage message = card.signed(IssuedCard.purchase(250));

        assertThat(message.request().amount()).isEqualTo(250);
        assertThat(message.request().balance()).isEqualTo(750);
        assertThat(card.status().balance()).isEqualTo(750);
        assertThat(card.status().atc()).isEqualTo(1);
    }

    @Test
    void requestPurchase_ofTheWholeBalance_leavesZero() {
        IssuedCard card = IssuedCard.personalised();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));

        assertThat(card.signed(IssuedCard.purchase(1_000)).request().balance()).isZero();
    }

    @Test
    void requestPurchase_withoutVerifiedPin_isRefusedWith6982AndChangesNothing() {
        IssuedCard card = IssuedCard.personalised();
        var before = card.snapshot();

        assertThat(card.send(IssuedCard.purchase(1)).swHex()).isEqualTo("6982");

        assertThat(card.snapshot()).isEqualTo(before);
    }

    @Test
    void requestPurchase_needsAFreshPinEachTime_becauseEveryRequestClearsTheValidation() {
        IssuedCard card = IssuedCard.personalised();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        card.signed(IssuedCard.purchase(1));

        assertThat(card.send(IssuedCard.purchase(1)).swHex()).isEqualTo("6982");

        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        card.signed(IssuedCard.sync());
        assertThat(card.send(IssuedCard.purchase(1)).swHex()).isEqualTo("6982");
    }

    @Test
    void requestPurchase_aboveTheBalance_isRefusedWith6A96AndChangesNothing() {
        IssuedCard card = IssuedCard.personalised();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        var before = card.snapshot();

        assertThat(card.send(IssuedCard.purchase(1_001)).swHex()).isEqualTo("6A96");

        assertThat(card.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "type {0} amount {1}")
    @CsvSource({"0, 0", "4, 0", "255, 0", "2, 0", "1, 1", "3, 4294967295"})
    void request_withUnknownTypeOrAmountNotMatchingTheType_isRefusedWith6A80(int type, long amount) {
        IssuedCard card = IssuedCard.personalised();
        card.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        var before = card.snapshot();

        CommandApdu apdu = CommandApdu.of(0x80, 0x40, 0, 0, IssuedCard.requestData(type, amount, UN, CHALLENGE));
        assertThat(card.send(apdu).swHex()).isEqualTo("6A80");

        assertThat(card.snapshot()).isEqualTo(before);
    }

    @Test
    void request_withDataNot25Bytes_isRefusedWith6700() {
        IssuedCard card = IssuedCard.personalised();
        byte[] data = IssuedCard.requestData(1, 0, UN, CHALLENGE);

        assertThat(card.send(CommandApdu.of(0x80, 0x40, 0, 0, java.util.Arrays.copyOf(data, 24))).swHex())
                .isEqualTo("6700");
        assertThat(card.send(CommandApdu.of(0x80, 0x40, 0, 0, java.util.Arrays.copyOf(data, 26))).swHex())
                .isEqualTo("6700");
        assertThat(card.send(Hex.decode("8040000000")).swHex()).isEqualTo("6700");
        assertThat(card.status().atc()).isZero();
    }

    @Test
    void request_withP1P2NotZero_isRefusedWith6A86() {
        IssuedCard card = IssuedCard.personalised();
        byte[] apdu = IssuedCard.sync().bytes();
        apdu[2] = 1;

        assertThat(card.send(apdu).swHex()).isEqualTo("6A86");
    }

    @Test
    void request_onNewApplication_isRefusedWith6985() {
        CardClient card = new CardClient(IssuedCard.blankCard(IssuedCard.AID));
        card.transmit(CardCommands.select(IssuedCard.AID));

        assertThat(card.transmit(IssuedCard.sync()).swHex()).isEqualTo("6985");
    }

    @Test
    void requestPurchase_whenBlocked_isRefusedWith6A95_butSyncAndAuthenticateAreSigned() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertThat(card.send(IssuedCard.purchase(1)).swHex()).isEqualTo("6A95");
        assertThat(card.signed(IssuedCard.sync()).request().state()).isEqualTo(LifeCycleState.BLOCKED);
        assertThat(card.signed(CardCommands.request(TransactionType.AUTHENTICATE, 0, UN, CHALLENGE)).atc())
                .isEqualTo(3);
    }

    @Test
    void request_whenAtcIsSaturated_isRefusedWith6A94() {
        IssuedCard card = IssuedCard.personalised(
                IssuedCard.personalisation(IssuedCard.AID, 100, 10, 0, 0xFFFFFFFFL));

        assertThat(card.send(IssuedCard.sync()).swHex()).isEqualTo("6A94");
        assertThat(card.status().atc()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void request_refused_leavesTheOpenSessionUsable() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();

        assertThat(card.send(IssuedCard.purchase(1)).swHex()).isEqualTo("6982");

        assertThat(card.execute(1, 1, IssuedCard.u32(5)).swHex()).isEqualTo("9000");
    }

    @Test
    void request_whileASessionIsOpen_replacesIt() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        long first = card.sessionAtc;

        card.openSession();

        assertThat(card.execute(card.command(first, 1, 1, IssuedCard.u32(5))).swHex()).isEqualTo("6A90");
        assertThat(card.execute(1, 1, IssuedCard.u32(5)).swHex()).isEqualTo("9000");
    }
}
