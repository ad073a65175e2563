package org.cardsync.backend.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRows;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.script.ScriptRows;
import org.cardsync.backend.script.ScriptStatus;
import org.cardsync.backend.settlement.CounterSettlement.Anomaly;
import org.cardsync.backend.settlement.CounterSettlement.Fate;
import org.cardsync.backend.settlement.CounterSettlement.InFlightAction;
import org.cardsync.backend.settlement.CounterSettlement.InFlightScript;
import org.cardsync.backend.settlement.CounterSettlement.Observation;
import org.cardsync.backend.settlement.CounterSettlement.Report;
import org.cardsync.backend.settlement.CounterSettlement.ReportMismatch;
import org.cardsync.backend.settlement.CounterSettlement.Transition;
import org.cardsync.backend.settlement.SettlementRecord.Applied;
import org.cardsync.backend.settlement.SettlementRecord.GroupEnding;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.UpstreamMessage.SessionReport;

/**
 * Settles the script in flight against the CA and action chain an admitted message signed (rule 6): asks the pure
 * {@link CounterSettlement} for the verdict, given the chains the script can lead to ({@link ExpectedChains}),
 * then records it on the actions, the script and the card application. Runs inside the card application's row lock
 * (rule 7). The script and the actions are written here, in one statement, before anything reads the pending list
 * again; the card application is written by the caller, with the rest of the message's changes to it.
 */
@ApplicationScoped
public class SettlementRecorder {
    private final CardsyncConfig.Scripts config;
    private final ExpectedChains chains;
    private final ScriptRows scripts;
    private final ActionRows actions;

    public SettlementRecorder(CardsyncConfig.Scripts config, ExpectedChains chains, ScriptRows scripts,
                              ActionRows actions) {
        this.config = config;
        this.chains = chains;
        this.scripts = scripts;
        this.actions = actions;
    }

    public SettlementRecord settle(CardApplication app, UpstreamMessage m) {
        Optional<ScriptRows.InFlight> read = scripts.inFlight(app.id);
        Optional<Script> script = read.map(ScriptRows.InFlight::script);
        List<Action> inFlight = read.map(ScriptRows.InFlight::actions).orElse(List.of());
        CounterSettlement.Outcome outcome = CounterSettlement.settle(app.confirmedCa, app.confirmedChain,
                script.map(s -> inFlightScript(s, inFlight, chains.of(app, s, inFlight))), observation(m),
                config.meritRetryLimit());
        if (outcome instanceof Anomaly anomaly) {
            // rule 6: a counter no honest card can sign freezes the application: no more scripts until the
            // helpdesk has looked, so that a cloned or rolled-back card cannot be fed actions
            freeze(app, anomaly.reason());
            return new SettlementRecord.CounterAnomaly(anomaly.reason());
        }
        if (outcome instanceof ReportMismatch mismatch) {
            // Rule 2 (the report binds what ran): the card ran other commands than the script on record, so the
            // record is not the card's truth (older than the card, e.g. a restored backup). Recording its actions as
            // executed would be false and requeueing them could run them twice: freeze and record nothing.
            freeze(app, mismatch.reason());
            return new SettlementRecord.ReportMismatch(mismatch.reason());
        }
        CounterSettlement.Settled verdict = (CounterSettlement.Settled) outcome;
        Instant now = Instant.now();
        // every action this message changes, by id: what is written, and what the group endings see
        Map<Long, Action> changed = new LinkedHashMap<>();
        inFlight.forEach(a -> changed.put(a.id, a));
        List<Applied> applied = verdict.transitions().stream()
                .map(t -> apply(changed.get(t.actionId()), t, now)).toList();
        // The later parts of a LOAD_APPLICATION whose earlier part failed for good or was cancelled can never
        // apply: they end the same way instead of being refused by the card session after session.
        List<GroupEnding> groupEndings = new ArrayList<>(endGroups(applied, Fate.FAILED, now, changed));
        groupEndings.addAll(endGroups(applied, Fate.CANCELLED, now, changed));
        script.ifPresent(s -> {
            s.status = ScriptStatus.SETTLED;
            s.settledAt = now;
            s.settledCa = verdict.confirmedCa();
            // every changed action is the script's or one of its group endings: with no script, nothing changed
            scripts.settled(s, List.copyOf(changed.values()));
        });
        app.confirmedCa = verdict.confirmedCa();
        app.confirmedChain = verdict.confirmedChain();
        return new SettlementRecord.Settled(app.confirmedCa, script, applied, groupEndings);
    }

    private static void freeze(CardApplication app, String reason) {
        app.status = ApplicationStatus.FROZEN;
        app.frozenReason = reason;
    }

    private static Applied apply(Action a, Transition t, Instant now) {
        a.meritFailures = t.meritFailures();
        a.updatedAt = now;
        switch (t.fate()) {
            case EXECUTED -> a.state = ActionState.EXECUTED;
            case REQUEUED -> {
                a.state = ActionState.QUEUED;
                a.reason = t.reason();
                a.sequenceNumber = null;
                a.scriptId = null;
            }
            case CANCELLED -> {
                a.state = ActionState.CANCELLED;
                a.reason = t.reason();
            }
            case FAILED -> {
                a.state = ActionState.FAILED;
                a.reason = t.reason();
            }
        }
        return new Applied(a, t);
    }

    /** Ends the queued rest of every group whose in-flight part got {@code fate}; adds them to {@code changed}. */
    private List<GroupEnding> endGroups(List<Applied> applied, Fate fate, Instant now, Map<Long, Action> changed) {
        ActionState state = fate == Fate.FAILED ? ActionState.FAILED : ActionState.CANCELLED;
        String reason = "an earlier action of the same load " + (fate == Fate.FAILED ? "failed" : "was cancelled");
        List<GroupEnding> endings = new ArrayList<>();
        for (Applied a : applied) {
            if (a.transition().fate() != fate || a.action().groupId == null) {
                continue;
            }
            for (Action sibling : queuedOfGroup(a.action().groupId, changed)) {
                sibling.state = state;
                sibling.reason = reason;
                sibling.updatedAt = now;
                changed.put(sibling.id, sibling);
                endings.add(new GroupEnding(sibling, fate));
            }
        }
        return endings;
    }

    /**
     * The group's QUEUED actions as they stand with this message's changes so far, in order: those the database holds
     * as QUEUED and this message has not changed, and those this message made QUEUED (requeued from the script in
     * flight: they, too, can never apply once an earlier part of their load failed or was cancelled).
     */
    private List<Action> queuedOfGroup(String groupId, Map<Long, Action> changed) {
        Map<Long, Action> group = new LinkedHashMap<>();
        actions.queuedOfGroup(groupId).forEach(a -> group.put(a.id, changed.getOrDefault(a.id, a)));
        changed.values().stream().filter(a -> groupId.equals(a.groupId)).forEach(a -> group.put(a.id, a));
        return group.values().stream().filter(a -> a.state == ActionState.QUEUED)
                .sorted(Comparator.comparingLong(a -> a.position)).toList();
    }

    private static InFlightScript inFlightScript(Script s, List<Action> actions, List<byte[]> expectedChains) {
        return new InFlightScript(s.baseCa, s.sessionAtc, actions.stream()
                .map(a -> new InFlightAction(a.id, a.sequenceNumber, a.cancelRequested, a.meritFailures)).toList(),
                expectedChains);
    }

    private static Observation observation(UpstreamMessage m) {
        if (m.type() == MessageType.REQUEST) {
            return Observation.of(m.ca(), m.chain());
        }
        SessionReport r = m.report();
        return Observation.of(m.ca(), m.chain(), new Report(r.sessionAtc(), r.caAtStart(), r.executed(), r.firstRefusedSequence(),
                r.refusalCode()));
    }
}
