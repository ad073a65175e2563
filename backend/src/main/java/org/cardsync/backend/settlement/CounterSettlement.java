package org.cardsync.backend.settlement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cardsync.protocol.RefusalCode;

/**
 * The comparison of rule 6 (architecture section 3; protocol.md section 8), as a pure function: given what
 * the server has in flight and what a verified, fresh upstream message says, which actions ran, which go
 * back to the pending list, which end as CANCELLED or FAILED, or whether the counter is impossible.
 *
 * <p>The counter says how many actions ran; the action chain the card signed with it (protocol.md 1.3) says
 * which. A report settles only when its chain is the one the confirmed chain and the issued script's commands give
 * for that count (rule 2: the report binds what ran). Otherwise the server's record is not what the card ran (it may
 * be older than the card: a database restored from a backup, a crash before a commit) and nothing is recorded.
 *
 * <p>Its input is only what the card signed (rule 9: a terminal's hints never reach here). It never
 * changes anything itself; {@code SettlementRecorder} applies its verdict inside the card application's
 * row lock (rule 7).
 */
public final class CounterSettlement {
    private CounterSettlement() {
    }

    /** An action of the in-flight script, in sequence order. */
    public record InFlightAction(long actionId, long sequence, boolean cancelRequested, int meritFailures) {
    }

    /**
     * The script in flight: base CA b, the session ATC it is bound to, its actions s = b+1 … b+n, and the action chain
     * the card has after running the first k of its commands, for k = 0 … n ({@code chains.get(0)} is the base chain
     * the script was issued from; the caller computes the rest with {@code ActionChain.next}).
     */
    public record InFlightScript(long baseCa, long sessionAtc, List<InFlightAction> actions, List<byte[]> chains) {
        public InFlightScript {
            actions = List.copyOf(actions);
            chains = chains.stream().map(byte[]::clone).toList();
            if (chains.size() != actions.size() + 1) {
                throw new IllegalArgumentException("a script of " + actions.size() + " actions has "
                        + (actions.size() + 1) + " expected chains (k = 0.." + actions.size() + "), not " + chains.size());
            }
        }

        long lastSequence() {
            return baseCa + actions.size();
        }
    }

    /** The session report of a signed ACK or INFO (protocol.md section 5.2). */
    public record Report(long sessionAtc, long caAtStart, int executed, long firstRefusedSequence, int refusalCode) {
    }

    /** What a verified upstream message says: its CA and action chain, and the session report of an ACK or INFO. */
    public record Observation(long ca, byte[] chain, Optional<Report> report) {
        public Observation {
            chain = chain.clone();
        }

        public static Observation of(long ca, byte[] chain) {
            return new Observation(ca, chain, Optional.empty());
        }

        public static Observation of(long ca, byte[] chain, Report report) {
            return new Observation(ca, chain, Optional.of(report));
        }
    }

    public enum Fate {
        /** Covered by the signed CA: the card ran it. */
        EXECUTED,
        /** Did not run: back to the head of the pending list, resent in the next script. */
        REQUEUED,
        /** Did not run and a cancel was asked while it was in flight. */
        CANCELLED,
        /** Refused on its merits and its retries are spent. */
        FAILED
    }

    public record Transition(long actionId, long sequence, Fate fate, int meritFailures, String reason) {
    }

    /** The verdict. */
    public sealed interface Outcome permits Settled, Anomaly, ReportMismatch {
    }

    /**
     * The counter and the chain are consistent; {@code transitions} is empty when nothing was in flight.
     * {@code confirmedChain} is the chain the card signed, now confirmed with {@code confirmedCa}.
     */
    public record Settled(long confirmedCa, byte[] confirmedChain, List<Transition> transitions) implements Outcome {
        public Settled {
            confirmedChain = confirmedChain.clone();
        }
    }

    /** The counter is impossible for an honest card: freeze, alert, let the helpdesk decide. */
    public record Anomaly(String reason) implements Outcome {
    }

    /**
     * The counter is possible but the chain says the card ran other commands than the server's record: freeze, record
     * nothing as executed or requeued, let the helpdesk decide.
     */
    public record ReportMismatch(String reason) implements Outcome {
    }

    private static final String MERIT_REFUSAL = "refused on its merits, code ";

    /** Words for the helpdesk (the frozen reason, the alert, the audit): at most ~350 characters with the numbers. */
    private static final String MISMATCH = "the card's signed report does not match what the server issued: ";
    private static final String MISMATCH_CAUSE = "; the server's records may be older than the card (e.g. a database"
            + " restored from a backup). Nothing was recorded as executed; check the card, then resync";

    /** The reason recorded on an action the card refused on its merits (protocol.md 6.2 code, two hex digits). */
    public static String meritRefusal(int code) {
        return MERIT_REFUSAL + String.format("%02X", code);
    }

    /** The merit code in a reason {@link #meritRefusal} wrote; empty for any other reason. */
    public static Optional<Integer> meritCode(String reason) {
        if (reason == null || !reason.startsWith(MERIT_REFUSAL)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(reason.substring(MERIT_REFUSAL.length()), 16));
    }

    /**
     * Settles one observation.
     *
     * @param confirmedCa the last confirmed CA of the card application
     * @param confirmedChain the action chain confirmed with it
     * @param inFlight the script in flight, if any, with the chains it can lead to
     * @param observation what the verified message says
     * @param meritRetryLimit how many merit refusals an action may have before it is FAILED (at least 1)
     */
    public static Outcome settle(long confirmedCa, byte[] confirmedChain, Optional<InFlightScript> inFlight,
                                 Observation observation, int meritRetryLimit) {
        long ca = observation.ca();
        if (observation.report().isPresent()) {
            Report r = observation.report().get();
            // claims 2 and 3: the card itself guarantees CA = CA at start + executed for a closed session
            if (r.caAtStart() + r.executed() != ca) {
                return new Anomaly("signed CA " + ca + " is not CA at start " + r.caAtStart() + " + executed "
                        + r.executed());
            }
            if (inFlight.isPresent() && r.sessionAtc() == inFlight.get().sessionAtc()
                    && r.caAtStart() != inFlight.get().baseCa()) {
                return new Anomaly("session " + r.sessionAtc() + " started at CA " + r.caAtStart()
                        + " but its script was issued for base CA " + inFlight.get().baseCa());
            }
        }
        if (ca < confirmedCa) {
            return new Anomaly("signed CA " + ca + " is below the confirmed CA " + confirmedCa);
        }
        if (inFlight.isEmpty()) {
            if (ca != confirmedCa) {
                return new Anomaly("signed CA " + ca + " moved from the confirmed CA " + confirmedCa
                        + " with no script in flight");
            }
            if (!Arrays.equals(observation.chain(), confirmedChain)) {
                return new ReportMismatch(MISMATCH + "at the confirmed CA " + ca + " with no script in flight, the"
                        + " card's action chain is not the confirmed one" + MISMATCH_CAUSE);
            }
            return new Settled(confirmedCa, observation.chain(), List.of());
        }
        InFlightScript script = inFlight.get();
        if (ca < script.baseCa() || ca > script.lastSequence()) {
            return new Anomaly("signed CA " + ca + " is outside the in-flight script's range " + script.baseCa()
                    + ".." + script.lastSequence());
        }
        int ran = (int) (ca - script.baseCa());
        if (!Arrays.equals(observation.chain(), script.chains().get(ran))) {
            return new ReportMismatch(MISMATCH + "at CA " + ca + " (" + ran + " of the " + script.actions().size()
                    + " actions issued from CA " + script.baseCa() + " in session " + script.sessionAtc() + ") the card's"
                    + " action chain is not the one those commands give" + MISMATCH_CAUSE);
        }
        Optional<Report> sameSessionReport = observation.report().filter(r -> r.sessionAtc() == script.sessionAtc());
        List<Transition> transitions = new ArrayList<>();
        for (InFlightAction a : script.actions()) {
            if (a.sequence() <= ca) {
                transitions.add(new Transition(a.actionId(), a.sequence(), Fate.EXECUTED, a.meritFailures(), null));
                continue;
            }
            if (a.cancelRequested()) {
                transitions.add(new Transition(a.actionId(), a.sequence(), Fate.CANCELLED, a.meritFailures(),
                        "cancelled while in flight; the signed CA " + ca + " proves it did not run"));
                continue;
            }
            Optional<Report> merit = sameSessionReport.filter(r -> r.firstRefusedSequence() == a.sequence()
                    && RefusalCode.isMeritFailure(r.refusalCode()) && a.sequence() == ca + 1);
            if (merit.isPresent()) {
                int failures = a.meritFailures() + 1;
                String reason = meritRefusal(merit.get().refusalCode());
                transitions.add(new Transition(a.actionId(), a.sequence(),
                        failures >= meritRetryLimit ? Fate.FAILED : Fate.REQUEUED, failures, reason));
            } else {
                transitions.add(new Transition(a.actionId(), a.sequence(), Fate.REQUEUED, a.meritFailures(), null));
            }
        }
        return new Settled(ca, observation.chain(), transitions);
    }
}
