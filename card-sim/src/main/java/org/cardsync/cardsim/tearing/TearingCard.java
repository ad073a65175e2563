package org.cardsync.cardsim.tearing;

import java.util.Objects;

import javacard.framework.Applet;
import javacard.framework.JCSystem;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.apdu.ApduTransport;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.CommandApdu;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * A card on jcardsim whose power can fail inside an APDU, with the semantics of Java Card (Runtime
 * Environment Specification, Java Card Platform 3.0.5, Classic Edition, chapter 7), which jcardsim
 * itself does not have (its abortTransaction and reset only reset a depth counter).
 *
 * <p>The applet's classes (every class under its package) are loaded through an instrumenting class
 * loader that sends each persistent write and each transaction call through a journal
 * ({@link TearingHooks}): a write inside a transaction is undone on abort, on a tear and when a command
 * ends with its transaction open (7.5, 7.6); a write outside a transaction stays; {@code Util.arrayCopy}
 * and {@code setShort} are all or nothing; {@code arrayCopyNonAtomic} and {@code arrayFillNonAtomic} are
 * byte by byte and never undone (and refused inside a transaction). What the model cannot represent (an
 * allocation during a command, a library call writing into a persistent array, ...) makes
 * {@link #transmit} throw {@link IllegalStateException}. {@link #cutPowerAtWrite} arms a tear just before the k-th persistent
 * write of the next command (the commit of a transaction counts as a write: it is the card's write of
 * its commit record). At the tear the applet is stopped where it is, the open transaction is rolled
 * back, transient memory is cleared (CLEAR_ON_RESET and CLEAR_ON_DESELECT), and the card is reset:
 * nothing selected, transaction depth 0. The command gets no answer: {@link #transmit} throws
 * {@link ApduTransportException}, as a reader whose card lost power does.
 *
 * <p>The card is jcardsim through {@link JcardsimCard}, so everything else is as there (threading rule,
 * SELECT first, responses whole). It knows no applet.
 */
public final class TearingCard implements ApduTransport {

    private final Journal journal = new Journal();
    private final JcardsimCard card = JcardsimCard.blank(this::afterCommand);
    private final Class<? extends Applet> applet;
    private int armedCut;
    private boolean lastCommandCut;
    private int writesOfLastCommand;

    private TearingCard(Class<? extends Applet> applet) {
        this.applet = applet;
    }

    /**
     * A card with one instance of the applet {@code appletClassName} at {@code aid}, installed with
     * {@link JcardsimCard#installParameters}; every class under {@code appletPackage} is instrumented.
     */
    public static TearingCard install(String appletClassName, String appletPackage, byte[] aid) {
        return install(appletClassName, appletPackage, aid, null);
    }

    /**
     * As {@link #install(String, String, byte[])}, with a deliberately broken variant of the applet
     * ({@code variant} null for the applet as it is).
     */
    public static TearingCard install(String appletClassName, String appletPackage, byte[] aid,
                                      BrokenVariant variant) {
        Objects.requireNonNull(appletClassName, "appletClassName");
        if (!appletClassName.startsWith(appletPackage + ".")) {
            throw new IllegalArgumentException(appletClassName + " is not in package " + appletPackage);
        }
        if ((TearingCard.class.getPackageName() + ".").startsWith(appletPackage + ".")) {
            // The harness (and JcardsimCard) must come from the parent loader, never instrumented.
            throw new IllegalArgumentException("package " + appletPackage + " contains the harness itself");
        }
        ClassLoader loader = new InstrumentingClassLoader(TearingCard.class.getClassLoader(), appletPackage, variant);
        Class<? extends Applet> applet;
        try {
            applet = Class.forName(appletClassName, false, loader).asSubclass(Applet.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no applet class " + appletClassName, e);
        }
        return new TearingCard(applet).installInstance(aid);
    }

    /**
     * Installs one more instance of the same applet at {@code aid}, as a card installs several instances
     * of one package: each has its own objects; the classes (and their static fields) are shared.
     *
     * @throws IllegalArgumentException for an AID that is not 5 to 16 bytes or is on the card already
     */
    public synchronized TearingCard installInstance(byte[] aid) {
        try {
            journal.with(() -> card.install(applet, aid));
        } finally {
            reportDefect("installing " + applet.getName());
        }
        return this;
    }

    /**
     * Sends a command. If power was armed to fail inside it and the command reached that write, the
     * card is torn and reset, and this throws instead of answering.
     *
     * @throws ApduTransportException if power failed inside the command
     * @throws IllegalStateException if the applet did something this model cannot represent (an applet defect)
     */
    @Override
    public synchronized ResponseApdu transmit(CommandApdu command) {
        int cutAt = armedCut;
        armedCut = 0;
        journal.startCommand(cutAt);
        ResponseApdu response;
        try {
            response = journal.with(() -> card.transmit(command));
        } finally {
            int reached = journal.endCommand();
            lastCommandCut = journal.wasCut();
            writesOfLastCommand = lastCommandCut ? reached - 1 : reached;
        }
        if (lastCommandCut) {
            powerCycle();
        }
        reportDefect(command.toString());
        if (lastCommandCut) {
            throw new ApduTransportException("power lost before persistent write " + cutAt + " of " + command);
        }
        return response;
    }

    /** The next command loses power just before its k-th persistent write (k &ge; 1); none if it writes less. */
    public synchronized void cutPowerAtWrite(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("writes are counted from 1, not " + k);
        }
        armedCut = k;
    }

    /** Whether the last command was cut by a power loss. */
    public synchronized boolean lastCommandCut() {
        return lastCommandCut;
    }

    /** How many persistent writes the last command performed (before the cut, if it was cut). */
    public synchronized int writesOfLastCommand() {
        return writesOfLastCommand;
    }

    /**
     * The card is pulled out and put back between two APDUs (as {@link JcardsimCard#removeAndReinsert}):
     * transient memory cleared, nothing selected, persistent memory kept.
     */
    public synchronized void removeAndReinsert() {
        journal.with(() -> {
            card.removeAndReinsert();
            return null;
        });
    }

    /**
     * Throws if the applet did something this model cannot represent ({@link Journal#refuse}), whatever
     * jcardsim answered: a test must fail there rather than pass on a model that no longer holds.
     *
     * @throws IllegalStateException naming what the applet did, while {@code doing}
     */
    private void reportDefect(String doing) {
        String defect = journal.takeDefect();
        if (defect != null) {
            throw new IllegalStateException("applet defect while " + doing + ": " + defect);
        }
    }

    /** A tear: the open transaction rolled back (7.5), then the card reset, which clears transient memory. */
    private void powerCycle() {
        journal.with(() -> {
            journal.rollBack();
            card.removeAndReinsert();
            return null;
        });
        journal.powerOn();
    }

    /**
     * A command that ended (returned or threw) with its transaction open: the runtime aborts it (RE spec
     * 7.6.2), which jcardsim does not do. A torn command is left to {@link #powerCycle}.
     */
    private void afterCommand(CommandApdu command, int transactionDepth) {
        if (transactionDepth > 0 && !journal.wasCut()) {
            journal.rollBack();
            JCSystem.abortTransaction();
        }
    }
}
