package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The actions of EXECUTE, docs/protocol.md section 6.1: each effect, and each merit failure (SW 94rr)
 * with nothing changed and CA not incremented.
 */
class ExecuteActionsTest {

    private final IssuedCard card = IssuedCard.personalised();

    ExecuteActionsTest() {
        card.openSession();
    }

    /** Executes the action as s = CA + 1 and expects the given SW. */
    private ResponseApdu run(int actionType, byte[] payload) {
        return card.execute(card.status().ca() + 1, actionType, payload);
    }

    /**
     * Expects the action to fail on its merits with nothing changed, then opens a new session: the
     * failure halted this one.
     */
    private void assertMeritFailure(int actionType, byte[] payload, String expectedSw) {
        var before = card.snapshot();
        assertThat(run(actionType, payload).swHex()).isEqualTo(expectedSw);
        assertThat(card.snapshot()).isEqualTo(before);
        card.openSession();
    }

    @Nested
    class Credit {

        @Test
        void credit_addsToTheBalance_upToExactlyTheLimit() {
            assertThat(run(1, IssuedCard.u32(500)).swHex()).isEqualTo("9000");
            assertThat(run(1, IssuedCard.u32(98_500)).swHex()).isEqualTo("9000");
            assertThat(card.status().balance()).isEqualTo(100_000);
            assertThat(card.status().ca()).isEqualTo(2);
        }

        @Test
        void credit_aboveThePurseLimit_isRefusedWith9401() {
            assertMeritFailure(1, IssuedCard.u32(99_001), "9401");
        }

        @Test
        void credit_thatWouldOverflow32Bits_isRefusedWith9401() {
            assertMeritFailure(1, IssuedCard.u32(0xFFFFFFFFL), "9401");
        }

        @Test
        void credit_ofZeroOrWithPayloadNot4Bytes_isRefusedWith940B() {
            assertMeritFailure(1, IssuedCard.u32(0), "940B");
        }

        @Test
        void credit_withPayloadOf3Bytes_isRefusedWith940B() {
            assertMeritFailure(1, Hex.decode("000001"), "940B");
        }

        @Test
        void credit_withPayloadOf5Bytes_isRefusedWith940B() {
            assertMeritFailure(1, Hex.decode("0000000001"), "940B");
        }
    }

    @Nested
    class WriteParameter {

        @Test
        void writeParameter_erasesTheSlotThenWritesTheValue() {
            assertThat(run(2, Hex.decode("03" + "aa".repeat(32))).swHex()).isEqualTo("9000");
            assertThat(run(2, Hex.decode("03bb")).swHex()).isEqualTo("9000");
            assertThat(card.send(CardCommands.readParameter(3)).hex()).isEqualTo("bb9000");
            assertThat(run(2, Hex.decode("03")).swHex()).isEqualTo("9000");
            assertThat(card.send(CardCommands.readParameter(3)).hex()).isEqualTo("9000");
            assertThat(card.status().ca()).isEqualTo(3);
        }

        @ParameterizedTest(name = "slot {0}")
        @ValueSource(ints = {8, 0x80, 0xFF})
        void writeParameter_toAnUnknownSlot_isRefusedWith9402(int slot) {
            assertMeritFailure(2, new byte[] {(byte) slot, 1}, "9402");
        }

        @Test
        void writeParameter_withA33ByteValue_isRefusedWith9403() {
            assertMeritFailure(2, Hex.decode("01" + "aa".repeat(33)), "9403");
        }

        @Test
        void writeParameter_withEmptyPayload_isRefusedWith940B() {
            assertMeritFailure(2, new byte[0], "940B");
        }
    }

    @Nested
    class LoadApplication {

        private final byte[] record = sequence(200);

        @Test
        void loadApplication_inBlocksThenActivate_storesAnActiveRecord() {
            assertThat(run(3, block(0x0101, 0, Arrays.copyOfRange(record, 0, 128))).swHex()).isEqualTo("9000");
            assertThat(run(3, block(0x0101, 1, Arrays.copyOfRange(record, 128, 200))).swHex()).isEqualTo("9000");
            assertThat(card.status().applications()).containsExactly(new CardStatus.ApplicationEntry(0x0101, 1, 200));

            assertThat(run(4, activate(0x0101, record)).swHex()).isEqualTo("9000");

            assertThat(card.status().applications()).containsExactly(new CardStatus.ApplicationEntry(0x0101, 2, 200));
            assertThat(card.status().ca()).isEqualTo(3);
        }

        @Test
        void loadApplication_aRecordOfExactly256Bytes_fits_and257DoesNot() {
            byte[] full = sequence(256);
            run(3, block(7, 0, Arrays.copyOfRange(full, 0, 128)));
            run(3, block(7, 1, Arrays.copyOfRange(full, 128, 255)));
            assertMeritFailure(3, block(7, 2, new byte[] {1, 2}), "9407");
            assertThat(run(3, block(7, 2, new byte[] {(byte) 255})).swHex()).isEqualTo("9000");
            assertThat(run(4, activate(7, full)).swHex()).isEqualTo("9000");
        }

        @Test
        void loadApplication_aFifthApplication_isRefusedWith9404() {
            for (int app = 1; app <= 4; app++) {
                assertThat(run(3, block(app, 0, new byte[] {1})).swHex()).isEqualTo("9000");
            }
            assertMeritFailure(3, block(5, 0, new byte[] {1}), "9404");
        }

        @Test
        void loadApplication_blockOutOfOrder_isRefusedWith9405() {
            assertMeritFailure(3, block(1, 1, new byte[] {1}), "9405");
        }

        @Test
        void loadApplication_blockRepeatedOrSkipped_isRefusedWith9405() {
            run(3, block(1, 0, new byte[] {1}));
            assertMeritFailure(3, block(1, 0, new byte[] {1}), "9405");
        }

        @Test
        void loadApplication_blockSkipped_isRefusedWith9405() {
            run(3, block(1, 0, new byte[] {1}));
            assertMeritFailure(3, block(1, 2, new byte[] {1}), "9405");
        }

        @Test
        void loadApplication_blockForAnActiveApplication_isRefusedWith940D() {
            run(3, block(1, 0, new byte[] {1}));
            run(4, activate(1, new byte[] {1}));
            assertMeritFailure(3, block(1, 1, new byte[] {1}), "940D");
        }

        @Test
        void loadApplication_blockWithNoDataOrMoreThan128Bytes_isRefusedWith940B() {
            assertMeritFailure(3, Hex.decode("000100"), "940B");
            assertMeritFailure(3, block(1, 0, new byte[129]), "940B");
        }

        @Test
        void activate_withNoLoadingEntry_isRefusedWith9408() {
            assertMeritFailure(4, activate(9, record), "9408");
        }

        @Test
        void activate_ofAnAlreadyActiveApplication_isRefusedWith9408() {
            run(3, block(1, 0, new byte[] {1}));
            run(4, activate(1, new byte[] {1}));
            assertMeritFailure(4, activate(1, new byte[] {1}), "9408");
        }

        @Test
        void activate_withWrongLengthOrHash_isRefusedWith9406() {
            run(3, block(1, 0, new byte[] {1, 2, 3}));
            byte[] wrongLength = activate(1, new byte[] {1, 2, 3});
            wrongLength[3] = 4;
            assertMeritFailure(4, wrongLength, "9406");
            assertMeritFailure(4, activate(1, new byte[] {1, 2, 4}), "9406");
        }

        @Test
        void activate_withPayloadNot36Bytes_isRefusedWith940B() {
            run(3, block(1, 0, new byte[] {1}));
            assertMeritFailure(4, Arrays.copyOf(activate(1, new byte[] {1}), 35), "940B");
        }
    }

    @Nested
    class BlockAndUnblock {

        @Test
        void block_thenUnblock_returnsToActive() {
            assertThat(run(5, new byte[0]).swHex()).isEqualTo("9000");
            assertThat(card.status().state()).isEqualTo(LifeCycleState.BLOCKED);

            assertThat(run(6, new byte[0]).swHex()).isEqualTo("9000");
            assertThat(card.status().state()).isEqualTo(LifeCycleState.ACTIVE);
            assertThat(card.status().ca()).isEqualTo(2);
        }

        @Test
        void block_withAPayload_isRefusedWith940B() {
            assertMeritFailure(5, new byte[] {0}, "940B");
        }

        @Test
        void unblock_whenNotBlocked_isRefusedWith9409() {
            assertMeritFailure(6, new byte[0], "9409");
        }

        @Test
        void unblock_withAPayload_isRefusedWith940B() {
            run(5, new byte[0]);
            assertMeritFailure(6, new byte[] {0}, "940B");
        }
    }

    @Nested
    class ResetPinTries {

        @Test
        void resetPinTries_givesBackEveryTry_evenToABlockedPin() {
            for (int i = 0; i < 3; i++) {
                card.send(CardCommands.verifyPin("0000"));
            }
            assertThat(card.status().pinTriesRemaining()).isZero();

            assertThat(run(7, new byte[0]).swHex()).isEqualTo("9000");

            assertThat(card.status().pinTriesRemaining()).isEqualTo(3);
            assertThat(card.send(CardCommands.verifyPin(IssuedCard.PIN)).swHex()).isEqualTo("9000");
        }

        @Test
        void resetPinTries_withAPayload_isRefusedWith940B() {
            card.send(CardCommands.verifyPin("0000"));
            assertMeritFailure(7, new byte[] {0}, "940B");
        }
    }

    @ParameterizedTest(name = "action type {0}")
    @ValueSource(ints = {0x00, 0x08, 0x7F, 0xFF})
    void unknownActionType_isRefusedWith940C(int actionType) {
        assertMeritFailure(actionType, new byte[0], "940C");
    }

    @Test
    void meritFailure_isRecordedWithItsReasonAndHaltsTheSession() {
        run(1, IssuedCard.u32(1));
        assertThat(run(2, Hex.decode("09")).swHex()).isEqualTo("9402");

        var report = card.ack().report();
        assertThat(report.executed()).isEqualTo(1);
        assertThat(report.firstRefusedSequence()).isEqualTo(2);
        assertThat(report.refusalCode()).isEqualTo(0x02);
    }

    static byte[] block(int appId, int index, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(3).putShort((short) appId).put((byte) index).array());
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] activate(int appId, byte[] record) {
        try {
            return ByteBuffer.allocate(36).putShort((short) appId).putShort((short) record.length)
                    .put(MessageDigest.getInstance("SHA-256").digest(record)).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sequence(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
