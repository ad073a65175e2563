package org.cardsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionChainTest {
    private static final byte[] UP_KEY = Hex.decode("af732e22708a1b5194db2541e2d60eeb");
    private static final byte[] M1 = Hex.decode("11".repeat(16));
    private static final byte[] M2 = Hex.decode("22".repeat(16));

    @Test
    void initial_isSixteenZeroBytesAndAFreshArrayEachTime() {
        byte[] first = ActionChain.initial();
        assertThat(first).hasSize(16).containsOnly(0);
        first[0] = 1;
        assertThat(ActionChain.initial()).containsOnly(0);
    }

    @Test
    void next_isTheCmacOfTagChainAndCommandMac() {
        byte[] input = Hex.decode("cc" + "00".repeat(16) + "11".repeat(16));
        assertThat(ActionChain.next(UP_KEY, ActionChain.initial(), M1)).isEqualTo(AesCmac.mac(UP_KEY, input));
    }

    @Test
    void next_dependsOnTheOrderOfTheCommands() {
        byte[] oneThenTwo = ActionChain.next(UP_KEY, ActionChain.next(UP_KEY, ActionChain.initial(), M1), M2);
        byte[] twoThenOne = ActionChain.next(UP_KEY, ActionChain.next(UP_KEY, ActionChain.initial(), M2), M1);
        assertThat(oneThenTwo).isNotEqualTo(twoThenOne);
    }

    @Test
    void next_refusesAChainOrMacThatIsNotSixteenBytes() {
        assertThatThrownBy(() -> ActionChain.next(UP_KEY, new byte[15], M1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActionChain.next(UP_KEY, ActionChain.initial(), new byte[17]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
