package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * Rule 4 against tampering: one flipped bit anywhere in a script command (the EXECUTE data: header,
 * payload and MAC) is refused, and changes nothing: GET STATUS and the 8 parameters are the same
 * before and after, the refusal is not recorded, and the genuine command still runs afterwards.
 * Every bit position is tried (exhaustive generation), for commands of each payload shape.
 *
 * <p>The APDU header (CLA INS P1 P2 Lc) is outside the MAC by design: flipping INS can turn EXECUTE
 * into another command that any terminal may send anyway (INFO signs a message), so "nothing changed"
 * is a property of the authenticated command data only.
 */
class BitFlipPropertyTest {

    /** CREDIT 10: 31 bytes. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void creditCommand_withAnyOneBitFlipped_isRefusedAndChangesNothing(@ForAll @IntRange(min = 0, max = 247) int bit) {
        assertFlipRefused(1, IssuedCard.u32(10), bit);
    }

    /** WRITE_PARAMETER slot 5, 32-byte value: 60 bytes. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void writeParameterCommand_withAnyOneBitFlipped_isRefusedAndChangesNothing(
            @ForAll @IntRange(min = 0, max = 479) int bit) {
        assertFlipRefused(2, Hex.decode("05" + "5a".repeat(32)), bit);
    }

    /** BLOCK, empty payload: 27 bytes. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void blockCommand_withAnyOneBitFlipped_isRefusedAndChangesNothing(@ForAll @IntRange(min = 0, max = 215) int bit) {
        assertFlipRefused(5, new byte[0], bit);
    }

    private static void assertFlipRefused(int actionType, byte[] payload, int bit) {
        IssuedCard card = IssuedCard.personalised();
        card.openSession();
        byte[] genuine = card.command(1, actionType, payload);
        byte[] tampered = genuine.clone();
        tampered[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        List<String> before = card.snapshot();

        ResponseApdu response = card.execute(tampered);

        assertThat(response.swHex()).as("bit %d", bit).isIn("6988", "6700", "6A80");
        assertThat(card.snapshot()).as("bit %d", bit).isEqualTo(before);
        assertThat(card.execute(genuine).swHex()).as("genuine command after bit %d", bit).isEqualTo("9000");
        UpstreamMessage.SessionReport report = card.ack().report();
        assertThat(report.executed()).isEqualTo(1);
        assertThat(report.refusalCode()).isZero();
    }
}
