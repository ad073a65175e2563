package org.cardsync.backend.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cardsync.protocol.RefusalCode;

/**
 * The comparison of rule 6 (architecture section 3; protocol.md section 8), as a pure function: given what
 * the server has in flight and what a verified, fresh upstream message says, which actions ran, which go
 * back to the pending list, which end as CANCELLED or FAILED, or whether the counter is impossible.
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

    /** The script in flight: base CA b, the session ATC it is bound to, its actions s = b+1 … b+n. */
    public record InFlightScript(long baseCa, long sessionAtc, List<InFlightAction> actions) {
        public InFlightScript {
            actions = List.copyOf(actions);
        }

        long lastSequence() {
            return baseCa + actions.size();
        }
    }

    /** The session report of a signed ACK or INFO (protocol.md section 5.2). */
    public record Report(long sessionAtc, long caAtStart, int executed, long firstRefusedSequence, int refusalCode) {
    }

    /** What a verified upstream message says: its CA, and the session report of an ACK or INFO. */
    public record Observation(long ca, Optional<Report> report) {
        public static Observation of(long ca) {
            return new Observation(ca, Optional.empty());
        }

        public static Observation of(long ca, Report report) {
            return new Observation(ca, Optional.of(report));
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
    public sealed interface Outcome permits Settled, Anomaly {
    }

    /** The counter is consistent; {@code transitions} is empty when nothing was in flight. */
    public record Settled(long confirmedCa, List<Transition> transitions) implements Outcome {
    }

    /** The counter is impossible for an honest card: freeze, alert, let the helpdesk decide. */
    public record Anomaly(String reason) implements Outcome {
    }

    private static final String MERIT_REFUSAL = "refused on its merits, code ";

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
     * @param inFlight the script in flight, if any
     * @param observation what the verified message says
     * @param meritRetryLimit how many merit refusals an action may have before it is FAILED (at least 1)
     */
    public static Outcome settle(long confirmedCa, Optional<InFlightScript> inFlight, Observation observation,
                                 int meritRetryLimit) {
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
            return new Settled(confirmedCa, List.of());
        }
        InFlightScript script = inFlight.get();
        if (ca < script.baseCa() || ca > script.lastSequence()) {
            return new Anomaly("signed CA " + ca + " is outside the in-flight script's range " + script.baseCa()
                    + ".." + script.lastSequence());
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
        return new Settled(ca, transitions);
    }
}
