package org.cardsync.cardsim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.smartcardio.CardTerminal;

import com.licel.jcardsim.base.SimulatorRuntime;
import com.licel.jcardsim.smartcardio.CardSimulator;
import com.licel.jcardsim.smartcardio.CardTerminalSimulator;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.apdu.ApduTransport;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * One card on jcardsim, in one reader: the applets it is given, installed as a card manager would
 * install them, and APDUs to them. It knows no applet; every module that runs a card in-process uses it
 * (the applet's tests, the backend's whole-flow tests, the bridge agent's simulated card).
 *
 * <p><b>Threading rule: any thread may use a card; calls on one card run one at a time; different
 * cards run at the same time, independently.</b> jcardsim 3.0.5.11 keeps "the current card" in a
 * ThreadLocal ({@code SimulatorSystem.currentRuntime}) that each of its entry points sets to its own
 * {@link SimulatorRuntime} before it runs the applet, and it locks that runtime for the call. So each
 * card here gets a runtime of its own, never the JVM-wide {@code SimulatorSystem.DEFAULT_RUNTIME} that
 * jcardsim's no-argument {@code Simulator()} shares between all its instances (and resets whenever
 * another one is created), and this class locks itself around every call, so that a command and the
 * check after it see the same card. JcardsimCardConcurrencyTest fails if this stops being true.
 *
 * <p>The card starts with nothing selected; send a SELECT first, as to a real card. Persistent state
 * lives as long as this object. What it does not model: power loss inside an APDU (jcardsim does not
 * roll back an interrupted transaction; {@link org.cardsync.cardsim.tearing.TearingCard} does),
 * logical channels, and T=0 GET RESPONSE chaining (responses come whole).
 */
public final class JcardsimCard implements ApduTransport {

    /** Called after every command, under the card's lock, before the response is returned. */
    @FunctionalInterface
    public interface AfterCommand {
        /**
         * @param command          the command the card executed
         * @param transactionDepth the Java Card transaction depth the applet left open: 0 unless the
         *                         applet has a defect (jcardsim neither aborts such a transaction nor
         *                         complains, where a real card's runtime would abort it)
         */
        void check(CommandApdu command, int transactionDepth);
    }

    private static final int MAX_INSTALL_PARAMETERS = 127;

    private final SimulatorRuntime runtime = new SimulatorRuntime();
    private final CardSimulator simulator = new CardSimulator(runtime);
    private final AfterCommand afterCommand;
    private final List<byte[]> aids = new ArrayList<>();

    private JcardsimCard(AfterCommand afterCommand) {
        this.afterCommand = Objects.requireNonNull(afterCommand, "afterCommand");
    }

    /** A card with no applet installed yet. */
    public static JcardsimCard blank() {
        return new JcardsimCard((command, depth) -> { });
    }

    /** A card with no applet installed yet that runs {@code afterCommand} after every command. */
    public static JcardsimCard blank(AfterCommand afterCommand) {
        return new JcardsimCard(afterCommand);
    }

    /**
     * The GlobalPlatform INSTALL [for install] parameters of an instance at {@code aid}: LV instance AID,
     * LV privileges (one byte, none), LV application parameters (none).
     */
    public static byte[] installParameters(byte[] aid) {
        byte[] parameters = new byte[aid.length + 4];
        parameters[0] = (byte) aid.length;
        System.arraycopy(aid, 0, parameters, 1, aid.length);
        parameters[aid.length + 1] = 1;
        return parameters;
    }

    /** Installs an instance of {@code applet} at {@code aid} with the standard {@link #installParameters}. */
    public JcardsimCard install(Class<? extends Applet> applet, byte[] aid) {
        return install(applet, aid, installParameters(aid));
    }

    /**
     * Installs an instance of {@code applet} at {@code aid}; {@code parameters} go to the applet's
     * {@code install(byte[], short, byte)} as they are.
     *
     * @throws IllegalArgumentException for an AID that is not 5 to 16 bytes or is on the card already
     */
    public synchronized JcardsimCard install(Class<? extends Applet> applet, byte[] aid, byte[] parameters) {
        Objects.requireNonNull(applet, "applet");
        if (aid.length < 5 || aid.length > 16) {
            throw new IllegalArgumentException("an AID is 5 to 16 bytes, not " + aid.length + ": " + Hex.encode(aid));
        }
        if (parameters.length > MAX_INSTALL_PARAMETERS) {
            throw new IllegalArgumentException("install parameters are at most " + MAX_INSTALL_PARAMETERS
                    + " bytes, not " + parameters.length);
        }
        for (byte[] installed : aids) {
            if (Arrays.equals(installed, aid)) {
                throw new IllegalArgumentException("AID installed twice: " + Hex.encode(aid));
            }
        }
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, parameters, (short) 0,
                (byte) parameters.length);
        aids.add(aid.clone());
        return this;
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) {
        return ResponseApdu.of(execute(command));
    }

    private synchronized byte[] execute(CommandApdu command) {
        byte[] response = simulator.transmitCommand(command.bytes());
        afterCommand.check(command, runtime.getTransactionDepth());
        return response;
    }

    /**
     * The card is pulled out of the reader and put back, between two APDUs: transient memory is cleared,
     * nothing is selected, persistent state is kept. Until the next SELECT jcardsim answers 6986.
     */
    public synchronized void removeAndReinsert() {
        simulator.reset();
    }

    /** The card's answer to reset (jcardsim's default unless the system property com.licel.jcardsim.card.ATR says otherwise). */
    public byte[] atr() {
        return simulator.getATR();
    }

    /** The AIDs of the installed applet instances, in installation order. */
    public synchronized List<byte[]> aids() {
        return aids.stream().map(byte[]::clone).toList();
    }

    /**
     * This card in a javax.smartcardio terminal of its own, for code that speaks PC/SC. Use the terminal
     * or this object's methods, not both: the terminal's channel bypasses {@link AfterCommand} and this
     * object's lock (jcardsim still runs one command at a time).
     */
    public CardTerminal terminal() {
        return CardTerminalSimulator.terminal(simulator);
    }
}
