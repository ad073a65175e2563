package org.cardsync.applet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.cardsync.cardsim.tearing.BrokenVariant;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.CommandApdu;

/**
 * The tear checks of issue 11 part 1, for one command: power lost before each of its persistent writes in
 * turn, on a fresh card each time, then, as a terminal and the server would see it:
 * <ol>
 *   <li>all or nothing: the card shows exactly the state before the command or exactly the state after it
 *       (the action's effect, CA + 1, the ATC, the purse; for VERIFY PIN also "one try spent");</li>
 *   <li>the application still works: a new session (REQUEST, the server's script, ACK) runs, every
 *       message verifies and every command executes;</li>
 *   <li>the session settles: the server accepts every message (ATC never back; CA and the action chain H
 *       those of exactly the actions that ran), resends what did not run, and in the end the card shows
 *       the actions applied once each, in order, and nothing is left pending.</li>
 * </ol>
 * Violations are returned, not thrown, so that a test can also show that a broken applet has some.
 */
final class TearChecks {

    /** How many persistent writes the command performs (the tear points), and what the checks found. */
    record Result(int writes, List<String> violations) {
    }

    private TearChecks() {
    }

    /** Tears {@code torn} before each of its writes, after {@code history} (uncut) on each fresh card. */
    static Result exhaust(TornCommand torn, BrokenVariant variant, Consumer<TearRig> history) {
        TearRig reference = new TearRig(torn.personalised(), variant);
        history.accept(reference);
        CommandApdu command = torn.reach().apply(reference);
        TearRig.Snapshot before = reference.snapshot();
        reference.issued.send(command);
        int writes = reference.card.writesOfLastCommand();
        TearRig.Snapshot after = reference.snapshot();

        List<String> violations = new ArrayList<>();
        for (int k = 1; k <= writes; k++) {
            for (String violation : tearAt(torn, variant, history, k, before, after)) {
                violations.add(torn.name() + ", power lost before write " + k + " of " + writes + ": " + violation);
            }
        }
        return new Result(writes, violations);
    }

    private static List<String> tearAt(TornCommand torn, BrokenVariant variant, Consumer<TearRig> history,
                                       int k, TearRig.Snapshot before, TearRig.Snapshot after) {
        TearRig rig = new TearRig(torn.personalised(), variant);
        try {
            history.accept(rig);
            CommandApdu command = torn.reach().apply(rig);
            rig.card.cutPowerAtWrite(k);
            try {
                rig.issued.send(command);
                rig.violation("the command ran to its end: the harness did not cut it");
                return rig.violations();
            } catch (ApduTransportException powerLost) {
                // As intended: the card lost power inside the command.
            }
            rig.issued.select();
            TearRig.Snapshot torn0 = rig.snapshot();
            if (torn0.equals(before)) {
                if (!torn.personalised()) {
                    rig.personalise();
                }
            } else if (torn0.equals(after)) {
                torn.whenRun().accept(rig);
            } else if (torn.mayEndWithTrySpent() && torn0.equals(oneTrySpent(before))) {
                rig.expected.spendPinTry();
            } else {
                rig.violation("half done: before " + before + ", after " + after + ", torn " + torn0);
                return rig.violations();
            }
            rig.server.queue(new ActionPayload.Credit(1));
            rig.session();
            ExpectedCard.View last = rig.snapshot().view();
            if (!rig.server.nothingPending()) {
                rig.violation("actions left pending after a clean session");
            }
            if (!last.equals(rig.expected.view())) {
                rig.violation("the card shows " + last + ", the actions applied once each give "
                        + rig.expected.view());
            }
        } catch (AssertionError | RuntimeException e) {
            rig.violation("the application no longer works: " + e);
        }
        return rig.violations();
    }

    private static TearRig.Snapshot oneTrySpent(TearRig.Snapshot before) {
        ExpectedCard.View v = before.view();
        return new TearRig.Snapshot(new ExpectedCard.View(v.state(), v.ca(), v.balance(), v.purseLimit(),
                v.pinTries() - 1, v.applications(), v.parameters()), before.atc());
    }
}
