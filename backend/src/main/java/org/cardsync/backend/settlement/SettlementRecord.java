package org.cardsync.backend.settlement;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.settlement.CounterSettlement.Fate;
import org.cardsync.backend.settlement.CounterSettlement.Transition;

/** What {@link SettlementRecorder} recorded for one admitted message. */
public sealed interface SettlementRecord {

    /** The signed counter is impossible (rule 6): the card application is now FROZEN and nothing was settled. */
    record CounterAnomaly(String reason) implements SettlementRecord {
    }

    /**
     * The signed action chain is not the one the server's record gives (the card ran other commands than the script
     * on record): the card application is now FROZEN and nothing was settled.
     */
    record ReportMismatch(String reason) implements SettlementRecord {
    }

    /**
     * The verdict of {@link CounterSettlement}, applied.
     *
     * @param confirmedCa the card application's confirmed CA now
     * @param script the script this message settled, if one was in flight
     * @param applied each in-flight action with the transition the verdict gave it, in sequence order
     * @param groupEndings queued parts of a LOAD_APPLICATION that ended because an earlier part failed for good
     *        or was cancelled (they could never apply)
     */
    record Settled(long confirmedCa, Optional<Script> script, List<Applied> applied, List<GroupEnding> groupEndings)
            implements SettlementRecord {

        public Settled {
            applied = List.copyOf(applied);
            groupEndings = List.copyOf(groupEndings);
        }

        public List<Long> executed() {
            return ids(applied.stream().filter(a -> a.transition().fate() == Fate.EXECUTED).map(Applied::action));
        }

        /** Back in the pending list: requeued by the verdict and not ended with their group since. */
        public List<Long> requeued() {
            Set<Long> ended = groupEndings.stream().map(e -> e.action().id).collect(Collectors.toSet());
            return ids(applied.stream().filter(a -> a.transition().fate() == Fate.REQUEUED).map(Applied::action)
                    .filter(a -> !ended.contains(a.id)));
        }

        public List<Long> cancelled() {
            return ended(Fate.CANCELLED);
        }

        public List<Long> failed() {
            return ended(Fate.FAILED);
        }

        private List<Long> ended(Fate fate) {
            return ids(Stream.concat(
                    applied.stream().filter(a -> a.transition().fate() == fate).map(Applied::action),
                    groupEndings.stream().filter(e -> e.fate() == fate).map(GroupEnding::action)));
        }

        private static List<Long> ids(Stream<Action> actions) {
            return actions.map(a -> a.id).toList();
        }
    }

    /** An in-flight action and the transition the verdict gave it. */
    record Applied(Action action, Transition transition) {
    }

    /** A queued action ended FAILED or CANCELLED with its group; the reason is on the action. */
    record GroupEnding(Action action, Fate fate) {
    }
}
