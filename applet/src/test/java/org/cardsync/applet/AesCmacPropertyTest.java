package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.cardsync.protocol.AesCmac;

/**
 * The applet's {@link org.cardsync.applet.AesCmac}, fed in arbitrary pieces, against the protocol
 * module's CMAC (BouncyCastle): any key, any message of 0 to 80 bytes, any cut points.
 */
class AesCmacPropertyTest {

    @Property(tries = 300)
    void appletCmac_inAnyPieces_equalsTheReferenceCmac(
            @ForAll @Size(16) byte[] key, @ForAll @Size(max = 80) byte[] message,
            @ForAll @Size(max = 5) int[] rawCuts) {
        int[] cuts = Arrays.stream(rawCuts).map(c -> Math.floorMod(c, message.length + 1)).sorted().toArray();

        byte[] applet = AppletCrypto.cmac(key, message, cuts);

        assertThat(applet).isEqualTo(AesCmac.mac(key, message));
    }

    @Property(tries = 200)
    void appletVerify_acceptsTheRightTag_andRefusesATagWithOneBitFlipped(
            @ForAll @Size(16) byte[] key, @ForAll @Size(max = 48) byte[] message,
            @ForAll @IntRange(min = 0, max = 127) int bit) {
        byte[] tag = AesCmac.mac(key, message);
        byte[] flipped = tag.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));

        assertThat(AppletCrypto.verify(key, message, tag)).isTrue();
        assertThat(AppletCrypto.verify(key, message, flipped)).isFalse();
    }
}
