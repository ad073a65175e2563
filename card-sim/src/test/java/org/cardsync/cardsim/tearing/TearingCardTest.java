package org.cardsync.cardsim.tearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cardsync.cardsim.tearing.applet.JournalApplet;
import org.cardsync.cardsim.tearing.swallowing.SwallowingApplet;
import org.cardsync.cardsim.tearing.unrouted.UnroutedOutputApplet;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.CommandApdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness itself, on a tiny applet: what stays and what is undone after an abort or a tear, as the
 * Java Card 3.0.5 Runtime Environment Specification's chapter 7 says. READ answers counter (2 bytes),
 * record (4), the CLEAR_ON_RESET byte and the CLEAR_ON_DESELECT byte.
 */
class TearingCardTest {

    static final byte[] AID = Hex.decode("f000000001000201");
    static final String NOTHING_WRITTEN = "0000" + "00000000" + "00" + "00";

    static TearingCard card() {
        return card(null);
    }

    static TearingCard card(BrokenVariant variant) {
        TearingCard card = TearingCard.install(JournalApplet.class.getName(), JournalApplet.class.getPackageName(),
                AID, variant);
        select(card);
        return card;
    }

    static void select(TearingCard card) {
        assertThat(card.transmit(CardCommands.select(AID)).swHex()).isEqualTo("9000");
    }

    static CommandApdu command(byte ins) {
        return CommandApdu.of(0x80, ins, 0, 0);
    }

    static CommandApdu command(byte ins, String dataHex) {
        return CommandApdu.of(0x80, ins, 0, 0, Hex.decode(dataHex));
    }

    static CommandApdu command(byte ins, int p1, String dataHex) {
        return CommandApdu.of(0x80, ins, p1, 0, Hex.decode(dataHex));
    }

    static String readKinds(TearingCard card) {
        return card.transmit(CommandApdu.expectingData(0x80, JournalApplet.INS_READ_KINDS, 0, 0)).hex();
    }

    static final String KEY_A = "000102030405060708090a0b0c0d0e0f";
    static final String KEY_B = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    /** READ KINDS after INS_KINDS committed once with KEY_A, then a reset (transient memory cleared). */
    static final String KINDS_COMMITTED = "1234" + "01020304" + "01" + "01" + "01" + "0001"
            + "0000" + "00" + "00" + "01" + KEY_A;
    /** READ KINDS with nothing persistent written and transient memory cleared. */
    static final String NO_KIND_WRITTEN = "0000" + "00000000" + "00" + "00" + "00" + "0000"
            + "0000" + "00" + "00" + "00";

    static String read(TearingCard card) {
        return card.transmit(CommandApdu.expectingData(0x80, JournalApplet.INS_READ, 0, 0)).hex();
    }

    /** Sends {@code command} with power failing before write {@code k}; checks it was torn; selects again. */
    static void tear(TearingCard card, CommandApdu command, int k) {
        card.cutPowerAtWrite(k);
        assertThatThrownBy(() -> card.transmit(command)).isInstanceOf(ApduTransportException.class)
                .hasMessageContaining("power lost");
        assertThat(card.lastCommandCut()).isTrue();
        assertThat(card.writesOfLastCommand()).isEqualTo(k - 1);
        select(card);
    }

    @Test
    void committedTransaction_staysAcrossAReset_andCountsItsWritesAndCommit() {
        TearingCard card = card();

        assertThat(card.transmit(command(JournalApplet.INS_COMMIT)).swHex()).isEqualTo("9000");
        assertThat(card.lastCommandCut()).isFalse();
        assertThat(card.writesOfLastCommand()).isEqualTo(4);
        card.removeAndReinsert();
        select(card);

        assertThat(read(card)).isEqualTo("0001" + "01000001" + "00" + "00" + "9000");
    }

    @ParameterizedTest(name = "power lost before write {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void tornTransaction_isRolledBack_whereverItIsCut_andTheCardWorksAfterwards(int k) {
        TearingCard card = card();

        tear(card, command(JournalApplet.INS_COMMIT), k);

        assertThat(read(card)).isEqualTo(NOTHING_WRITTEN + "9000");
        assertThat(card.transmit(command(JournalApplet.INS_COMMIT)).swHex())
                .as("a new transaction can begin: the depth went back to 0").isEqualTo("9000");
        assertThat(read(card)).isEqualTo("0001" + "01000001" + "0000" + "9000");
    }

    @Test
    void abortedTransaction_isRolledBack() {
        TearingCard card = card();
        card.transmit(command(JournalApplet.INS_COMMIT));

        assertThat(card.transmit(command(JournalApplet.INS_ABORT)).swHex()).isEqualTo("9000");

        assertThat(read(card)).isEqualTo("0001" + "01000001" + "0000" + "9000");
    }

    @Test
    void transactionLeftOpen_isAbortedByTheRuntime_atTheEndOfTheCommand() {
        TearingCard card = card();

        card.transmit(command(JournalApplet.INS_LEAVE_OPEN));

        assertThat(read(card)).isEqualTo(NOTHING_WRITTEN + "9000");
        assertThat(card.transmit(command(JournalApplet.INS_COMMIT)).swHex()).isEqualTo("9000");
    }

    @Test
    void writesOutsideATransaction_stay_whenALaterWriteIsCut() {
        TearingCard card = card();

        tear(card, command(JournalApplet.INS_TWO_PLAIN_WRITES), 2);

        assertThat(read(card)).as("counter + 1 stays, record[1] never written")
                .isEqualTo("0001" + "00000000" + "0000" + "9000");
    }

    @Test
    void nonAtomicCopy_isCutBetweenTwoBytes_andWhatItWroteStays() {
        TearingCard card = card();

        tear(card, command(JournalApplet.INS_COPY_NON_ATOMIC, "a1b2c3d4"), 3);

        assertThat(read(card)).isEqualTo("0000" + "a1b20000" + "0000" + "9000");
    }

    @Test
    void atomicArrayCopy_isAllOrNothing() {
        TearingCard torn = card();
        tear(torn, command(JournalApplet.INS_COPY_ATOMIC, "a1b2c3d4"), 1);
        assertThat(read(torn)).isEqualTo(NOTHING_WRITTEN + "9000");

        TearingCard whole = card();
        whole.transmit(command(JournalApplet.INS_COPY_ATOMIC, "a1b2c3d4"));
        assertThat(whole.writesOfLastCommand()).as("one atomic write").isEqualTo(1);
        assertThat(read(whole)).isEqualTo("0000" + "a1b2c3d4" + "0000" + "9000");
    }

    @Test
    void aTear_clearsTransientMemory_andLeavesNothingSelected() {
        TearingCard card = card();
        card.transmit(command(JournalApplet.INS_SET_TRANSIENT));
        assertThat(read(card)).isEqualTo("0000" + "00000000" + "0101" + "9000");

        card.cutPowerAtWrite(1);
        assertThatThrownBy(() -> card.transmit(command(JournalApplet.INS_COMMIT)))
                .isInstanceOf(ApduTransportException.class);

        assertThat(read(card)).as("nothing selected after the tear").isEqualTo("6986");
        select(card);
        assertThat(read(card)).isEqualTo(NOTHING_WRITTEN + "9000");
    }

    @Test
    void aCutArmedBeyondTheCommandsWrites_doesNotFire_andIsNotKeptForTheNextCommand() {
        TearingCard card = card();

        card.cutPowerAtWrite(5);
        assertThat(card.transmit(command(JournalApplet.INS_COMMIT)).swHex()).isEqualTo("9000");
        assertThat(card.lastCommandCut()).isFalse();
        assertThat(card.transmit(command(JournalApplet.INS_COMMIT)).swHex()).isEqualTo("9000");

        assertThat(read(card)).isEqualTo("0002" + "01000002" + "0000" + "9000");
    }

    @Test
    void brokenVariant_withoutItsTransaction_leavesHalfTheWritesAfterATear() {
        TearingCard card = card(new TransactionRemoved(JournalApplet.class.getName(), "process"));

        tear(card, command(JournalApplet.INS_COMMIT), 2);

        assertThat(read(card)).as("counter + 1 written outside any transaction, record[0] never")
                .isEqualTo("0001" + "00000000" + "0000" + "9000");
    }

    @Test
    void apduBytes_areRelayedAsToAJcardsimCard_andATearIsATransportError() {
        TearingCard card = card();

        assertThat(Hex.encode(card.transmit(Hex.decode("80100000")))).isEqualTo("9000");
        card.cutPowerAtWrite(1);
        assertThatThrownBy(() -> card.transmit(Hex.decode("80100000"))).isInstanceOf(ApduTransportException.class);
        assertThatThrownBy(() -> card.transmit(Hex.decode("8010"))).isInstanceOf(ApduTransportException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void aSecondInstance_keepsItsOwnState_andATearInOneUndoesNothingInTheOther() {
        byte[] secondAid = Hex.decode("f000000001000202");
        TearingCard card = card().installInstance(secondAid);
        card.transmit(command(JournalApplet.INS_COMMIT));

        assertThat(card.transmit(CardCommands.select(secondAid)).swHex()).isEqualTo("9000");
        card.cutPowerAtWrite(2);
        assertThatThrownBy(() -> card.transmit(command(JournalApplet.INS_COMMIT)))
                .isInstanceOf(ApduTransportException.class);

        assertThat(card.transmit(CardCommands.select(secondAid)).swHex()).isEqualTo("9000");
        assertThat(read(card)).isEqualTo(NOTHING_WRITTEN + "9000");
        select(card);
        assertThat(read(card)).isEqualTo("0001" + "01000001" + "0000" + "9000");
    }

    @Test
    void eachCard_hasItsOwnApplet() {
        TearingCard first = card();
        TearingCard second = card();

        first.transmit(command(JournalApplet.INS_COMMIT));

        assertThat(read(second)).isEqualTo(NOTHING_WRITTEN + "9000");
    }

    @Test
    void anAppletThatCatchesThrowable_isRefused_sinceItCouldSwallowThePowerLoss() {
        assertThatThrownBy(() -> TearingCard.install(SwallowingApplet.class.getName(),
                SwallowingApplet.class.getPackageName(), AID))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("java/lang/Throwable");
    }

    @Test
    void thePackageOfTheHarness_cannotBeInstrumented() {
        assertThatThrownBy(() -> TearingCard.install("org.cardsync.cardsim.CounterApplet", "org.cardsync.cardsim", AID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("harness");
    }

    // --- every kind of store (review m4) ------------------------------------------------------------

    @Test
    void everyKindOfStore_committed_staysAcrossAReset_andEachPersistentOneCounts() {
        TearingCard card = card();

        assertThat(card.transmit(command(JournalApplet.INS_KINDS, 0, KEY_A)).swHex()).isEqualTo("9000");
        assertThat(card.writesOfLastCommand()).as("7 persistent stores and the commit; transient ones not counted")
                .isEqualTo(8);
        card.removeAndReinsert();
        select(card);

        assertThat(readKinds(card)).isEqualTo(KINDS_COMMITTED + "9000");
    }

    @Test
    void everyKindOfStore_aborted_isRolledBack_butTransientStoresStay() {
        TearingCard card = card();

        assertThat(card.transmit(command(JournalApplet.INS_KINDS, 1, KEY_A)).swHex()).isEqualTo("9000");

        assertThat(readKinds(card)).as("the key cleared again (never initialised), transient stores kept (RE 7.6.1)")
                .isEqualTo("0000" + "00000000" + "00" + "00" + "00" + "0000" + "5678" + "01" + "01" + "00" + "9000");
    }

    @ParameterizedTest(name = "power lost before write {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyKindOfStore_torn_isRolledBack_whereverItIsCut(int k) {
        TearingCard card = card();

        tear(card, command(JournalApplet.INS_KINDS, 0, KEY_A), k);

        assertThat(readKinds(card)).isEqualTo(NO_KIND_WRITTEN + "9000");
    }

    @Test
    void setKey_onAnInitialisedKey_isUndoneToTheOldKey_onAbortAndOnATear() {
        TearingCard card = card();
        card.transmit(command(JournalApplet.INS_KINDS, 0, KEY_A));
        card.removeAndReinsert();
        select(card);

        card.transmit(command(JournalApplet.INS_KINDS, 1, KEY_B));
        card.removeAndReinsert();
        select(card);
        assertThat(readKinds(card)).as("after the abort").isEqualTo(KINDS_COMMITTED + "9000");

        tear(card, command(JournalApplet.INS_KINDS, 0, KEY_B), 8);
        assertThat(readKinds(card)).as("torn before the commit, after setKey").isEqualTo(KINDS_COMMITTED + "9000");
    }

    @Test
    void nonAtomicFill_isCutBetweenTwoBytes_andWhatItWroteStays() {
        TearingCard card = card();

        tear(card, command(JournalApplet.INS_FILL_NON_ATOMIC), 3);

        assertThat(read(card)).isEqualTo("0000" + "eeee0000" + "0000" + "9000");
    }

    // --- what the harness refuses to model (review m1-m3) -------------------------------------------

    @ParameterizedTest(name = "P1 {0}")
    @ValueSource(ints = {0, 1})
    void nonAtomicWriteIntoPersistentMemory_insideATransaction_isAnAppletDefect(int p1) {
        TearingCard card = card();

        assertThatThrownBy(() -> card.transmit(CommandApdu.of(0x80, JournalApplet.INS_NON_ATOMIC_IN_TRANSACTION, p1, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction")
                .hasMessageContaining("RE spec 7.7");

        assertThat(read(card)).as("nothing written, and the card goes on").isEqualTo(NOTHING_WRITTEN + "9000");
    }

    @Test
    void nonAtomicWriteIntoTransientMemory_insideATransaction_isAllowed() {
        TearingCard card = card();

        assertThat(card.transmit(CommandApdu.of(0x80, JournalApplet.INS_NON_ATOMIC_IN_TRANSACTION, 2, 0)).swHex())
                .isEqualTo("9000");
    }

    @Test
    void allocationDuringACommand_isAnAppletDefect() {
        TearingCard card = card();

        assertThatThrownBy(() -> card.transmit(command(JournalApplet.INS_ALLOCATE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("allocates a persistent object");
        assertThat(read(card)).isEqualTo(NOTHING_WRITTEN + "9000");
    }

    @Test
    void libraryOutputIntoPersistentMemory_isAnAppletDefect_intoTheApduBuffer_isAllowed() {
        TearingCard card = card();

        assertThatThrownBy(() -> card.transmit(command(JournalApplet.INS_DIGEST, 0, "616263")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MessageDigest.doFinal into a persistent array");
        assertThat(card.transmit(command(JournalApplet.INS_DIGEST, 1, "616263")).swHex()).isEqualTo("9000");
    }

    @Test
    void anAppletThatCallsAnUnroutedLibraryMethodWritingIntoAnArray_isRefused() {
        assertThatThrownBy(() -> TearingCard.install(UnroutedOutputApplet.class.getName(),
                UnroutedOutputApplet.class.getPackageName(), AID))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("javacard/security/DESKey.getKey")
                .hasMessageContaining("may write into an array");
    }

    @Test
    void aCallMovedAfterTheCommit_runsOutsideTheTransaction_soATearBeforeTheCommitKeepsItAlone() {
        TearingCard card = card(new CallMovedAfterCommit(JournalApplet.class.getName(), "process", "incrementCounter"));

        tear(card, command(JournalApplet.INS_MOVED_INCREMENT), 2);
        assertThat(read(card)).as("torn at the commit: record[0] undone, counter + 1 never ran")
                .isEqualTo(NOTHING_WRITTEN + "9000");

        tear(card, command(JournalApplet.INS_MOVED_INCREMENT), 3);
        assertThat(read(card)).as("torn just after the commit: record[0] committed, counter + 1 lost")
                .isEqualTo("0000" + "01000000" + "0000" + "9000");
    }
}
