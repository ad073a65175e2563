package org.cardsync.cardsim.tearing;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One card's persistent memory as Java Card sees it (Runtime Environment Specification, Java Card
 * Platform 3.0.5, Classic Edition, chapter 7): which arrays are transient, the undo log of the open
 * transaction, the count of persistent writes in the current command and the armed power cut.
 *
 * <p>The values themselves live in the applet's objects; this class decides, before each persistent
 * write, whether power fails there, and remembers how to undo a write made inside a transaction
 * (section 7.2: "conditionally updated"; 7.5: restored after a tear; 7.6: restored on abort).
 *
 * <p>Each {@link TearingCard} has one. The instrumented applet code finds it through {@link #current()},
 * which the card sets for the duration of every call into the simulator (the same thread-confinement
 * jcardsim uses for its runtime).
 */
final class Journal {

    private static final ThreadLocal<Journal> CURRENT = new ThreadLocal<>();

    private final Set<Object> transientArrays = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<Runnable> undoLog = new ArrayDeque<>();
    private boolean inTransaction;
    /** Counting persistent writes: true while a command runs (not during installation). */
    private boolean counting;
    private int writes;
    /** The write before which power fails in the current command; 0 for none. */
    private int cutAt;
    private boolean poweredOff;
    /** What the applet did that this model cannot represent, in the current command or installation; null if nothing. */
    private String defect;
    /** Calls that a broken variant ({@link CallMovedAfterCommit}) runs just after the next commit. */
    private final Deque<Runnable> afterCommit = new ArrayDeque<>();

    /** The journal of the card whose applet code runs on this thread. */
    static Journal current() {
        Journal journal = CURRENT.get();
        if (journal == null) {
            throw new IllegalStateException("instrumented applet code ran outside its TearingCard");
        }
        return journal;
    }

    /** Runs {@code action} with this journal as the current one (installation, a command, a reset). */
    <T> T with(Supplier<T> action) {
        Journal previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    // --- what the model cannot represent -----------------------------------------------------------

    /**
     * The applet did something this model cannot represent (a write it cannot journal, an allocation
     * during a command, a non-atomic write inside a transaction): records it, so that the card reports it
     * however the applet or jcardsim handles what this throws, and stops the applet here.
     */
    AppletDefect refuse(String what) {
        if (defect == null) {
            defect = what;
        }
        throw new AppletDefect(what);
    }

    /**
     * An instrumentation refusal ({@link AppletInstrumenter}) for a class loaded while a card runs its
     * applet: recorded by that card and thrown as an {@link AppletDefect}; elsewhere {@code refused} itself.
     */
    static RuntimeException refuseWhereverRunning(IllegalStateException refused) {
        Journal journal = CURRENT.get();
        if (journal != null) {
            journal.refuse(refused.getMessage());
        }
        return refused;
    }

    /** What {@link #refuse} recorded since the last call, or null; clears it. */
    String takeDefect() {
        String found = defect;
        defect = null;
        return found;
    }

    /** Whether a command is running (not an installation or a reset). */
    boolean inCommand() {
        return counting;
    }

    // --- transient memory ---------------------------------------------------------------------------

    void registerTransient(Object array) {
        transientArrays.add(array);
    }

    boolean isPersistent(Object array) {
        return !transientArrays.contains(array);
    }

    // --- commands and power -------------------------------------------------------------------------

    /** A command starts: counting from 0, power failing before write {@code cutAt} (0: not at all). */
    void startCommand(int cutAt) {
        this.cutAt = cutAt;
        writes = 0;
        counting = true;
        poweredOff = false;
    }

    /** The command is over (answered or torn); returns how many persistent writes it reached. */
    int endCommand() {
        counting = false;
        cutAt = 0;
        return writes;
    }

    boolean wasCut() {
        return poweredOff;
    }

    /**
     * Called just before every persistent write (and before a commit, the card's write of its commit
     * record). Throws {@link PowerLoss} if power fails here; the write does not happen. Once power is
     * lost, nothing more is written until the card is reset.
     */
    void beforePersistentWrite() {
        if (poweredOff) {
            throw new PowerLoss();
        }
        if (!counting) {
            return;
        }
        writes++;
        if (writes == cutAt) {
            poweredOff = true;
            throw new PowerLoss();
        }
    }

    /** Whether a write now is conditional (section 7.2), so that it must register how to undo it. */
    boolean inTransaction() {
        return inTransaction;
    }

    /** Registers how to undo a conditional write; call it after {@link #beforePersistentWrite}, before the write. */
    void recordUndo(Runnable undo) {
        if (inTransaction) {
            undoLog.push(undo);
        }
    }

    // --- transactions -------------------------------------------------------------------------------

    void begin() {
        inTransaction = true;
        undoLog.clear();
        afterCommit.clear();
    }

    /** Commit (section 7.2): every conditional update becomes permanent at once; then the deferred calls run. */
    void commit() {
        inTransaction = false;
        undoLog.clear();
        while (!afterCommit.isEmpty()) {
            afterCommit.removeFirst().run();
        }
    }

    /** Runs {@code call} just after the next commit (never if the transaction is rolled back instead). */
    void deferUntilCommit(Runnable call) {
        afterCommit.addLast(call);
    }

    /**
     * Abort by the applet (7.6.1) or the runtime (7.6.2), or a tear (7.5): every conditional update
     * since the transaction began is restored, last first. No-op without an open transaction.
     */
    void rollBack() {
        while (!undoLog.isEmpty()) {
            undoLog.pop().run();
        }
        afterCommit.clear();
        inTransaction = false;
    }

    /** The card is powered again (after a tear or a reset): writes are allowed again. */
    void powerOn() {
        poweredOff = false;
    }
}
