package org.cardsync.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;
import org.junit.jupiter.api.Test;

class JcardsimCardTest {

    static final byte[] AID = Hex.decode("f000000001000101");
    static final byte[] SECOND_AID = Hex.decode("f000000001000102");
    static final CommandApdu READ = CommandApdu.expectingData(0x80, CounterApplet.INS_READ, 0, 0);
    static final CommandApdu SET_FLAG = CommandApdu.of(0x80, CounterApplet.INS_SET_FLAG, 0, 0);

    static CommandApdu increment(String dataHex) {
        return CommandApdu.of(0x80, CounterApplet.INS_INCREMENT, 0, 0, Hex.decode(dataHex));
    }

    @Test
    void transmit_reachesTheAppletAtItsAid_afterASelect() {
        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, AID);

        assertThat(card.transmit(CardCommands.select(AID)).hex()).isEqualTo("9000");
        ResponseApdu incremented = card.transmit(increment("cafe"));

        // SHA-256("0001" || "cafe"), computed independently: printf '\x00\x01\xca\xfe' | sha256sum
        assertThat(incremented.hex()).isEqualTo("0001"
                + "2472c4a59a3e4a4ccaab905359ac26b2866955605a335f1670a13ef0cd0c2313" + "9000");
    }

    @Test
    void installParameters_reachTheApplet_asGiven() {
        byte[] standard = JcardsimCard.installParameters(AID);
        assertThat(Hex.encode(standard)).isEqualTo("08" + Hex.encode(AID) + "0100" + "00");
        byte[] withApplicationData = Hex.decode("08" + Hex.encode(AID) + "0100" + "0107");

        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, AID, withApplicationData);
        card.transmit(CardCommands.select(AID));

        assertThat(card.transmit(READ).hex()).isEqualTo("0007" + "00" + "9000");
    }

    @Test
    void severalApplications_areSeparateInstancesAtTheirAids() {
        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, AID)
                .install(CounterApplet.class, SECOND_AID);

        card.transmit(CardCommands.select(SECOND_AID));
        card.transmit(increment("01"));
        card.transmit(increment("01"));
        card.transmit(CardCommands.select(AID));
        card.transmit(increment("01"));

        assertThat(card.transmit(READ).dataHex()).isEqualTo("000100");
        card.transmit(CardCommands.select(SECOND_AID));
        assertThat(card.transmit(READ).dataHex()).isEqualTo("000200");
        assertThat(card.aids()).extracting(Hex::encode).containsExactly(Hex.encode(AID), Hex.encode(SECOND_AID));
    }

    @Test
    void removeAndReinsert_clearsTransientState_keepsPersistentState_andDeselects() {
        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, AID);
        card.transmit(CardCommands.select(AID));
        card.transmit(increment("01"));
        card.transmit(SET_FLAG);
        assertThat(card.transmit(READ).dataHex()).isEqualTo("000101");

        card.removeAndReinsert();

        assertThat(card.transmit(READ).swHex()).as("nothing selected after reinsertion").isEqualTo("6986");
        card.transmit(CardCommands.select(AID));
        assertThat(card.transmit(READ).dataHex()).isEqualTo("000100");
    }

    @Test
    void afterCommand_seesEveryCommand_andATransactionTheAppletLeftOpen() {
        List<String> seen = new ArrayList<>();
        JcardsimCard card = JcardsimCard.blank((command, depth) -> seen.add(command.hex() + " depth " + depth))
                .install(CounterApplet.class, AID);

        card.transmit(CardCommands.select(AID));
        card.transmit(increment("01"));
        card.transmit(CommandApdu.of(0x80, CounterApplet.INS_LEAVE_TRANSACTION_OPEN, 0, 0));

        assertThat(seen).containsExactly("00a4040008" + Hex.encode(AID) + " depth 0", "800100000101 depth 0",
                "80040000 depth 1");
    }

    @Test
    void atr_isJcardsimsDefault() {
        assertThat(Hex.encode(JcardsimCard.blank().atr())).isEqualToIgnoringCase("3BFA1800008131FE454A434F5033315632333298");
    }

    @Test
    void badAids_areRefusedAtInstallation() {
        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, AID);

        assertThatThrownBy(() -> card.install(CounterApplet.class, Hex.decode("f0434152")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> card.install(CounterApplet.class, AID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void malformedApduBytes_areATransportError_notAStatusWord() {
        JcardsimCard card = JcardsimCard.blank().install(CounterApplet.class, AID);

        assertThatThrownBy(() -> card.transmit(Hex.decode("8030"))).isInstanceOf(ApduTransportException.class);
        assertThatThrownBy(() -> card.transmit(Hex.decode("8042000005010203")))
                .isInstanceOf(ApduTransportException.class).hasMessageContaining("Lc says 5");
        assertThat(card.transmit(Hex.decode("00a4040008" + Hex.encode(AID)))).isEqualTo(Hex.decode("9000"));
    }
}
