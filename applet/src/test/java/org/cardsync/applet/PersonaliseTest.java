package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SortedMap;
import java.util.TreeMap;

import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.Personalisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PERSONALISE (80 10 00 00), docs/protocol.md section 3. */
class PersonaliseTest {

    private static final Personalisation DEMO = IssuedCard.personalisation(IssuedCard.AID, 100_000, 1_000, 7, 9);

    private static IssuedCard fresh() {
        return IssuedCard.on(IssuedCard.blankCard(IssuedCard.AID), DEMO);
    }

    @Test
    void personalise_onNewApplication_writesEveryFieldAndBecomesActive() {
        IssuedCard card = fresh();

        assertThat(card.send(CardCommands.personalise(DEMO)).swHex()).isEqualTo("9000");

        CardStatus status = card.status();
        assertThat(status.state()).isEqualTo(LifeCycleState.ACTIVE);
        assertThat(Hex.encode(status.cardId())).isEqualTo("0102030405060708");
        assertThat(status.aid()).isEqualTo(IssuedCard.AID);
        assertThat(status.ca()).isEqualTo(7);
        assertThat(status.atc()).isEqualTo(9);
        assertThat(status.balance()).isEqualTo(1_000);
        assertThat(status.purseLimit()).isEqualTo(100_000);
        assertThat(status.pinTriesRemaining()).isEqualTo(3);
        assertThat(status.flags()).isZero();
        assertThat(status.applications()).isEmpty();
        assertThat(card.send(CardCommands.readParameter(0)).hex()).isEqualTo("01029000");
        assertThat(card.send(CardCommands.readParameter(3)).hex()).isEqualTo("68656c6c6f9000");
        assertThat(card.send(CardCommands.readParameter(1)).hex()).isEqualTo("9000");
        // The keys are in place: the card signs with K_UP and accepts K_DN commands.
        card.openSession();
        assertThat(card.execute(8, 1, IssuedCard.u32(5)).swHex()).isEqualTo("9000");
    }

    @Test
    void personalise_whenAlreadyPersonalised_isRefusedWith6986AndChangesNothing() {
        IssuedCard card = IssuedCard.personalised();
        var before = card.snapshot();
        Personalisation other = IssuedCard.personalisation(IssuedCard.AID, 5, 5, 0, 0);

        assertThat(card.send(CardCommands.personalise(other)).swHex()).isEqualTo("6986");
        assertThat(card.snapshot()).isEqualTo(before);
    }

    @Test
    void personalise_whenBlocked_isRefusedWith6986() {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        card.execute(1, 5, new byte[0]);

        assertThat(card.send(CardCommands.personalise(DEMO)).swHex()).isEqualTo("6986");
    }

    @Test
    void personalise_withP1P2NotZero_isRefusedWith6A86() {
        IssuedCard card = fresh();
        byte[] apdu = CardCommands.personalise(DEMO).bytes();
        apdu[3] = 1;

        assertThat(card.send(apdu).swHex()).isEqualTo("6A86");
        assertThat(card.status().state()).isEqualTo(LifeCycleState.NEW);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "version 02,                     0,  02",
        "PIN try limit 0,                57, 00",
        "PIN try limit 16,               57, 10",
    })
    void personalise_withAFieldOutOfRange_isRefusedWith6A80AndStaysNew(String name, int offset, String value) {
        byte[] record = DEMO.encode();
        record[offset] = Hex.decode(value)[0];

        assertRefusedAndStillNew(record, "6A80");
    }

    @Test
    void personalise_withBalanceAboveLimit_isRefusedWith6A80() {
        byte[] record = DEMO.encode();
        System.arraycopy(IssuedCard.u32(100_001), 0, record, 45, 4);

        assertRefusedAndStillNew(record, "6A80");
    }

    @Test
    void personalise_withPinOfThreeOrNineBytes_isRefusedWith6A80() {
        assertRefusedAndStillNew(withPin("313233"), "6A80");
        assertRefusedAndStillNew(withPin("313233343536373839"), "6A80");
    }

    @Test
    void personalise_withNineParameters_isRefusedWith6A80() {
        // PIN "1234", then the count: make it 9 (followed by nine empty slots 0..8; slot 8 would also fail).
        assertRefusedAndStillNew(Hex.decode(fixedPart() + "0431323334" + "09" + "0000".repeat(9)), "6A80");
    }

    @Test
    void personalise_withSlot8_isRefusedWith6A80() {
        assertRefusedAndStillNew(Hex.decode(fixedPart() + "0431323334" + "01" + "0801aa"), "6A80");
    }

    @Test
    void personalise_withTheSameSlotTwice_isRefusedWith6A80() {
        assertRefusedAndStillNew(Hex.decode(fixedPart() + "0431323334" + "02" + "0201aa" + "0201bb"), "6A80");
    }

    @Test
    void personalise_withA33ByteValue_isRefusedWith6A80() {
        assertRefusedAndStillNew(Hex.decode(fixedPart() + "0431323334" + "01" + "0221" + "aa".repeat(33)), "6A80");
    }

    @Test
    void personalise_whenFieldsDoNotAddUpToTheLength_isRefusedWith6700() {
        String valid = fixedPart() + "0431323334" + "01" + "0202aabb";
        assertThat(Hex.decode(valid)).hasSize(68);
        assertRefusedAndStillNew(Hex.decode(valid.substring(0, valid.length() - 2)), "6700");
        assertRefusedAndStillNew(Hex.decode(valid + "00"), "6700");
        assertRefusedAndStillNew(Hex.decode(fixedPart() + "0431323334"), "6700");
        assertRefusedAndStillNew(Hex.decode(fixedPart() + "0431323334" + "01" + "02"), "6700");
        assertRefusedAndStillNew(Hex.decode(fixedPart()), "6700");
    }

    @Test
    void personalise_afterARefusal_stillSucceedsWithAGoodRecord() {
        IssuedCard card = fresh();
        assertThat(card.send(CardCommands.personalise(withPin("313233"))).swHex()).isEqualTo("6A80");

        assertThat(card.send(CardCommands.personalise(DEMO)).swHex()).isEqualTo("9000");
        assertThat(card.status().state()).isEqualTo(LifeCycleState.ACTIVE);
    }

    @Test
    void personalise_withAllEightSlotsFull_travelsAsAnExtendedApduOf340Bytes() {
        SortedMap<Integer, byte[]> parameters = new TreeMap<>();
        for (int slot = 0; slot < 8; slot++) {
            byte[] value = new byte[32];
            java.util.Arrays.fill(value, (byte) (0x10 + slot));
            parameters.put(slot, value);
        }
        CardApplicationId id = new CardApplicationId(IssuedCard.CARD_ID, IssuedCard.AID);
        Personalisation full = new Personalisation(id, DEMO.upKey(), DEMO.downKey(), 10, 10, 0, 0, 15,
                Hex.decode("3132333435363738"), parameters);
        assertThat(full.encode()).hasSize(340);
        IssuedCard card = IssuedCard.on(IssuedCard.blankCard(IssuedCard.AID), full);

        assertThat(card.send(CardCommands.personalise(full)).swHex()).isEqualTo("9000");

        for (int slot = 0; slot < 8; slot++) {
            assertThat(card.send(CardCommands.readParameter(slot)).hex())
                    .isEqualTo(String.format("%02x", 0x10 + slot).repeat(32) + "9000");
        }
        assertThat(card.status().pinTriesRemaining()).isEqualTo(15);
    }

    private static void assertRefusedAndStillNew(byte[] record, String expectedSw) {
        IssuedCard card = fresh();
        var before = card.snapshot();

        assertThat(card.send(CardCommands.personalise(record)).swHex()).isEqualTo(expectedSw);

        assertThat(card.snapshot()).isEqualTo(before);
        assertThat(card.status().state()).isEqualTo(LifeCycleState.NEW);
    }

    /** Version .. PIN try limit of the demo record (57 bytes), PIN length and PIN to follow. */
    private static String fixedPart() {
        return Hex.encode(DEMO.encode()).substring(0, 2 * 58);
    }

    private static byte[] withPin(String pinHex) {
        byte[] pin = Hex.decode(pinHex);
        return Hex.decode(fixedPart() + String.format("%02x", pin.length) + pinHex + "00");
    }
}
