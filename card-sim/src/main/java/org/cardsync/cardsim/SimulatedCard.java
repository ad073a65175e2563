package org.cardsync.cardsim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.licel.jcardsim.smartcardio.CardSimulator;
import javacard.framework.AID;
import org.cardsync.applet.CardsyncApplet;
import org.cardsync.protocol.Hex;

/**
 * A card with the real {@link CardsyncApplet} installed at one or more AIDs, running on jcardsim.
 *
 * <p>Each instance is installed as a GlobalPlatform card manager would do it: INSTALL [for install]
 * parameters = Li, instance AID. The card starts with nothing selected; send a SELECT first, as to a
 * real card. Persistent state lives as long as this object.
 *
 * <p>Thread-safe: APDUs from several threads are serialised, as a reader serialises them.
 *
 * <p>What it does not model: power loss inside an APDU (jcardsim does not roll back an interrupted
 * transaction), logical channels, and T=0 GET RESPONSE chaining (responses come whole).
 */
public final class SimulatedCard implements ApduTransport {

    private final CardSimulator simulator = new CardSimulator();
    private final List<byte[]> aids;

    private SimulatedCard(List<byte[]> aids) {
        if (aids.isEmpty()) {
            throw new IllegalArgumentException("a simulated card needs at least one application AID");
        }
        List<byte[]> copies = new ArrayList<>();
        for (byte[] aid : aids) {
            Objects.requireNonNull(aid, "aid");
            if (aid.length < 5 || aid.length > 16) {
                throw new IllegalArgumentException("an AID is 5 to 16 bytes, not " + aid.length + ": "
                        + Hex.encode(aid));
            }
            for (byte[] installed : copies) {
                if (java.util.Arrays.equals(installed, aid)) {
                    throw new IllegalArgumentException("AID installed twice: " + Hex.encode(aid));
                }
            }
            copies.add(aid.clone());
        }
        this.aids = List.copyOf(copies);
        for (byte[] aid : this.aids) {
            install(aid);
        }
    }

    /** A card with one instance of the applet per AID, in the order given. */
    public static SimulatedCard withApplications(byte[]... aids) {
        return new SimulatedCard(List.of(aids));
    }

    /** A card with one instance of the applet per AID (hex), in the order given. */
    public static SimulatedCard withApplications(String... aidsHex) {
        return new SimulatedCard(java.util.Arrays.stream(aidsHex).map(Hex::decode).toList());
    }

    private void install(byte[] aid) {
        byte[] installParameters = new byte[aid.length + 1];
        installParameters[0] = (byte) aid.length;
        System.arraycopy(aid, 0, installParameters, 1, aid.length);
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), CardsyncApplet.class,
                installParameters, (short) 0, (byte) installParameters.length);
    }

    /**
     * Sends one command APDU; returns the response data followed by the status word. A malformed APDU
     * (shorter than 4 bytes, or an Lc that does not match its length) is refused with an
     * {@link ApduTransportException}, as a reader driver would refuse it.
     */
    @Override
    public synchronized byte[] transmit(byte[] commandApdu) {
        Objects.requireNonNull(commandApdu, "commandApdu");
        try {
            return simulator.transmitCommand(commandApdu.clone());
        } catch (IllegalArgumentException e) {
            throw new ApduTransportException("malformed command APDU " + Hex.encode(commandApdu), e);
        }
    }

    /**
     * The card is pulled out of the reader and put back, between two APDUs: transient memory (the open
     * session, a verified PIN) is cleared, nothing is selected, persistent state (counters, keys, purse,
     * parameters, applications) is kept. Until the next SELECT jcardsim answers 6986 to any command.
     */
    public synchronized void removeAndReinsert() {
        simulator.reset();
    }

    /** The card's answer to reset (jcardsim's default unless the system property com.licel.jcardsim.card.ATR says otherwise). */
    public byte[] atr() {
        return simulator.getATR();
    }

    /** The AIDs of the applet instances on this card, in installation order. */
    public List<byte[]> aids() {
        return aids.stream().map(byte[]::clone).toList();
    }
}
