package org.cardsync.backend.terminal;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.audit.AlertKind;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.error.ApiException;
import org.cardsync.backend.error.ErrorCode;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.script.ScriptStatus;
import org.cardsync.backend.settlement.CounterSettlement;
import org.cardsync.backend.settlement.CounterSettlement.InFlightAction;
import org.cardsync.backend.settlement.CounterSettlement.InFlightScript;
import org.cardsync.backend.settlement.CounterSettlement.Observation;
import org.cardsync.backend.settlement.CounterSettlement.Outcome;
import org.cardsync.backend.settlement.CounterSettlement.Report;
import org.cardsync.backend.settlement.CounterSettlement.Settled;
import org.cardsync.backend.settlement.CounterSettlement.Transition;
import org.cardsync.backend.terminal.TerminalOutcome.Accepted;
import org.cardsync.backend.terminal.TerminalOutcome.Rejected;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.MessageType;
import org.cardsync.protocol.ProtocolException;
import org.cardsync.protocol.ScriptCommand;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.UpstreamMessage.RequestBody;
import org.cardsync.protocol.UpstreamMessage.SessionReport;

/**
 * Receives the card's upstream messages relayed by the untrusted terminal: verifies them (rules 2, 3),
 * settles the counter (rule 6), decides the REQUEST's transaction and issues the next script (rule 4), all
 * inside the card application's row lock (rule 7).
 */
@ApplicationScoped
public class TerminalService {
    static final String TERMINAL = "terminal";
    private static final long MAX_COUNTER = 0xFFFFFFFFL;

    private final CardKeys keys;
    private final AuditTrail audit;
    private final ScriptsConfig config;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    public TerminalService(CardKeys keys, AuditTrail audit, ScriptsConfig config, MeterRegistry meters) {
        this.keys = keys;
        this.audit = audit;
        this.config = config;
        this.meters = meters;
    }

    /** A fresh one-time challenge for an AUTHENTICATE REQUEST. */
    @Transactional
    public Challenge newChallenge() {
        byte[] value = new byte[16];
        random.nextBytes(value);
        Challenge c = new Challenge();
        c.challenge = HexFormat.of().formatHex(value);
        c.createdAt = Instant.now();
        c.expiresAt = c.createdAt.plus(config.challengeTtl());
        c.used = false;
        c.persist();
        // challenges are short-lived: drop the expired ones so that the table stays small
        Challenge.delete("expiresAt < ?1", c.createdAt);
        return c;
    }

    /**
     * Receives one upstream message of the expected type, as hex.
     *
     * @throws ApiException or ProtocolException for input that is not hex or names no known card application
     *         (nothing is written then)
     */
    @Transactional
    public TerminalOutcome receive(MessageType expected, String hex) {
        byte[] bytes = Hex.decode(hex);
        UpstreamMessage m;
        try {
            m = UpstreamMessage.parse(bytes);
        } catch (ProtocolException e) {
            return rejectMalformed(bytes, e);
        }
        if (m.type() != expected) {
            Optional<Long> named = CardApplication.idOf(m.id().cardIdHex(), m.id().aidHex());
            String why = "expected a " + expected + ", got a " + m.type();
            if (named.isEmpty()) {
                throw new ApiException(ErrorCode.WRONG_MESSAGE_TYPE, why);
            }
            // not verified: its ATC and CA are not recorded, only that something named this card
            audit.record(named.get(), AuditKind.MESSAGE_REJECTED, TERMINAL, "WRONG_MESSAGE_TYPE (unverified): " + why);
            return new Rejected(ErrorCode.WRONG_MESSAGE_TYPE, why);
        }
        CardApplicationId id = m.id();
        Long appId = CardApplication.idOf(id.cardIdHex(), id.aidHex())
                .orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_CARD, "no card application " + id));
        CardApplication app = CardApplication.lockById(appId).orElseThrow();

        // Rule 2: a forged or altered message, or one signed with another card's key, stops here.
        if (!m.verify(keys.upKey(app.keyVersion, id))) {
            return reject(app, m, ErrorCode.BAD_MAC, AlertKind.MAC_FAILURE, "MAC does not verify");
        }
        // Rule 3: a replayed or delayed message (ATC not above the last accepted) stops here.
        if (m.atc() <= app.lastAtc) {
            return reject(app, m, ErrorCode.STALE_ATC, AlertKind.STALE_ATC,
                    "ATC " + m.atc() + " is not above the last accepted " + app.lastAtc);
        }
        // Authentic and fresh: accepted. From here on, what the card signed is a fact to keep.
        app.lastAtc = m.atc();
        audit.record(app.id, AuditKind.MESSAGE_ACCEPTED, TERMINAL, m, null, null);
        count(m, "accepted");
        // The card debited a PURCHASE before it signed it: record it before anything below can refuse the rest,
        // or a frozen application would lose money the customer has already paid.
        boolean purchase = m.type() == MessageType.REQUEST && m.request().transactionType() == TransactionType.PURCHASE;
        if (purchase) {
            recordPurchase(app, m);
        }
        if (app.status == ApplicationStatus.FROZEN) {
            audit.alert(app.id, AlertKind.MESSAGE_WHILE_FROZEN, m.type() + " ATC " + m.atc() + " while frozen: "
                    + app.frozenReason);
            return new Rejected(ErrorCode.APPLICATION_FROZEN, "the card application is frozen (" + app.frozenReason
                    + "); the message was verified and recorded" + (purchase ? ", with its purchase" : "")
                    + ", nothing is settled or issued until the helpdesk unfreezes it");
        }

        Optional<Script> script = Script.inFlight(app.id);
        List<Action> inFlight = script.map(s -> Action.ofScript(s.id)).orElse(List.of());
        Outcome outcome = CounterSettlement.settle(app.confirmedCa, script.map(s -> inFlightScript(s, inFlight)),
                observation(m), config.meritRetryLimit());
        if (outcome instanceof CounterSettlement.Anomaly anomaly) {
            freeze(app, m, anomaly.reason());
            return new Rejected(ErrorCode.COUNTER_ANOMALY, "counter anomaly: " + anomaly.reason()
                    + "; the card application is frozen for the helpdesk");
        }
        TerminalResponse.Settlement settlement = apply(app, m, script, inFlight, (Settled) outcome);
        followSignedState(app, m);

        TerminalResponse.Transaction transaction = null;
        TerminalResponse.ScriptView next = new TerminalResponse.ScriptView(null, 0, app.confirmedCa, List.of(), false);
        if (m.type() == MessageType.REQUEST) {
            transaction = decide(app, m);
            next = issue(app, m);
        }
        return new Accepted(new TerminalResponse(m.type().name(), m.atc(), m.ca(), settlement, transaction, next));
    }

    /**
     * A message that does not parse changes nothing; if its header still names a registered card
     * application, the attempt is audited there (a terminal probing a card shows up in its timeline).
     */
    private TerminalOutcome rejectMalformed(byte[] bytes, ProtocolException e) {
        ErrorCode code = ErrorCode.of(e.error());
        namedApplication(bytes).ifPresent(appId -> audit.record(appId, AuditKind.MESSAGE_REJECTED, TERMINAL,
                code + ": " + e.getMessage()));
        return new Rejected(code, e.getMessage());
    }

    /** Best effort: the card id and AID at their fixed places in the header (protocol.md section 5). */
    private static Optional<Long> namedApplication(byte[] b) {
        if (b.length < 11) {
            return Optional.empty();
        }
        int aidLength = b[10] & 0xFF;
        if (aidLength < CardApplicationId.AID_MIN || aidLength > CardApplicationId.AID_MAX || b.length < 11 + aidLength) {
            return Optional.empty();
        }
        return CardApplication.idOf(HexFormat.of().formatHex(b, 2, 10), HexFormat.of().formatHex(b, 11, 11 + aidLength));
    }

    private Rejected reject(CardApplication app, UpstreamMessage m, ErrorCode code, AlertKind alert, String why) {
        audit.record(app.id, AuditKind.MESSAGE_REJECTED, TERMINAL, m, null, code + ": " + why);
        audit.alert(app.id, alert, m.type() + " ATC " + m.atc() + ": " + why);
        count(m, code.name());
        return new Rejected(code, why);
    }

    private void count(UpstreamMessage m, String result) {
        meters.counter("cardsync.messages", "type", m.type().name(), "result", result).increment();
    }

    private static InFlightScript inFlightScript(Script s, List<Action> actions) {
        return new InFlightScript(s.baseCa, s.sessionAtc, actions.stream()
                .map(a -> new InFlightAction(a.id, a.sequenceNumber, a.cancelRequested, a.meritFailures)).toList());
    }

    private static Observation observation(UpstreamMessage m) {
        if (m.type() == MessageType.REQUEST) {
            return Observation.of(m.ca());
        }
        SessionReport r = m.report();
        return Observation.of(m.ca(), new Report(r.sessionAtc(), r.caAtStart(), r.executed(), r.firstRefusedSequence(),
                r.refusalCode()));
    }

    private void freeze(CardApplication app, UpstreamMessage m, String reason) {
        app.status = ApplicationStatus.FROZEN;
        app.frozenReason = reason;
        audit.record(app.id, AuditKind.COUNTER_ANOMALY, TERMINAL, m, null, reason);
        audit.record(app.id, AuditKind.APPLICATION_FROZEN, TERMINAL, m, null, reason);
        audit.alert(app.id, AlertKind.COUNTER_ANOMALY, reason);
    }

    private TerminalResponse.Settlement apply(CardApplication app, UpstreamMessage m, Optional<Script> script,
                                              List<Action> inFlight, Settled settled) {
        List<Long> executed = new ArrayList<>();
        List<Long> requeued = new ArrayList<>();
        List<Long> cancelled = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        Instant now = Instant.now();
        for (Transition t : settled.transitions()) {
            Action a = inFlight.stream().filter(x -> x.id == t.actionId()).findFirst().orElseThrow();
            a.meritFailures = t.meritFailures();
            a.updatedAt = now;
            switch (t.fate()) {
                case EXECUTED -> {
                    a.state = ActionState.EXECUTED;
                    executed.add(a.id);
                    audit.record(app.id, AuditKind.ACTION_EXECUTED, TERMINAL, m, a.id, "s=" + a.sequenceNumber);
                }
                case REQUEUED -> {
                    audit.record(app.id, AuditKind.ACTION_REQUEUED, TERMINAL, m, a.id, "s=" + a.sequenceNumber
                            + " did not run" + (t.reason() == null ? "" : ": " + t.reason()) + "; resent next session");
                    a.state = ActionState.QUEUED;
                    a.reason = t.reason();
                    a.sequenceNumber = null;
                    a.scriptId = null;
                    requeued.add(a.id);
                }
                case CANCELLED -> {
                    a.state = ActionState.CANCELLED;
                    a.reason = t.reason();
                    cancelled.add(a.id);
                    audit.record(app.id, AuditKind.ACTION_CANCELLED, TERMINAL, m, a.id, t.reason());
                }
                case FAILED -> {
                    a.state = ActionState.FAILED;
                    a.reason = t.reason();
                    failed.add(a.id);
                    audit.record(app.id, AuditKind.ACTION_FAILED, TERMINAL, m, a.id, t.reason() + "; retries spent");
                    audit.alert(app.id, AlertKind.RETRIES_SPENT, "action " + a.id + " (" + a.type + "): " + t.reason());
                }
            }
        }
        // The later parts of a LOAD_APPLICATION whose earlier part failed for good or was cancelled can never
        // apply: they end the same way instead of being refused by the card session after session.
        endGroups(app, m, inFlight, List.copyOf(failed), ActionState.FAILED, failed, requeued, now);
        endGroups(app, m, inFlight, List.copyOf(cancelled), ActionState.CANCELLED, cancelled, requeued, now);
        if (script.isPresent()) {
            Script s = script.get();
            s.status = ScriptStatus.SETTLED;
            s.settledAt = now;
            s.settledCa = settled.confirmedCa();
            audit.record(app.id, AuditKind.SETTLED, TERMINAL, m, null, "script " + s.id + " (base CA " + s.baseCa + ", "
                    + s.actionCount + " actions) settled at CA " + settled.confirmedCa() + ": " + executed.size()
                    + " executed, " + requeued.size() + " requeued, " + cancelled.size() + " cancelled, " + failed.size()
                    + " failed");
        }
        app.confirmedCa = settled.confirmedCa();
        return new TerminalResponse.Settlement(app.confirmedCa, executed, requeued, cancelled, failed);
    }

    private void endGroups(CardApplication app, UpstreamMessage m, List<Action> inFlight, List<Long> ended,
                           ActionState fate, List<Long> endedOut, List<Long> requeued, Instant now) {
        for (Long endedId : ended) {
            Action e = inFlight.stream().filter(x -> x.id.equals(endedId)).findFirst().orElseThrow();
            if (e.groupId == null) {
                continue;
            }
            for (Action sibling : Action.<Action>list("groupId = ?1 and state = ?2", e.groupId, ActionState.QUEUED)) {
                sibling.state = fate;
                sibling.reason = "an earlier action of the same load " + (fate == ActionState.FAILED ? "failed" : "was cancelled");
                sibling.updatedAt = now;
                endedOut.add(sibling.id);
                requeued.remove(sibling.id);
                audit.record(app.id, fate == ActionState.FAILED ? AuditKind.ACTION_FAILED : AuditKind.ACTION_CANCELLED,
                        TERMINAL, m, sibling.id, sibling.reason);
            }
        }
    }

    /** Mirrors the card's signed life-cycle state and balance (authenticated, so usable for decisions). */
    private void followSignedState(CardApplication app, UpstreamMessage m) {
        LifeCycleState state;
        if (m.type() == MessageType.REQUEST) {
            state = m.request().state();
            app.lastBalance = m.request().balance();
        } else {
            state = m.report().state();
            app.lastBalance = m.report().balance();
        }
        ApplicationStatus mirrored = state == LifeCycleState.BLOCKED ? ApplicationStatus.BLOCKED : ApplicationStatus.ACTIVE;
        if (app.status != mirrored) {
            audit.record(app.id, AuditKind.APPLICATION_STATE_CHANGED, TERMINAL, m, null, app.status + " -> " + mirrored);
            app.status = mirrored;
        }
    }

    private TerminalResponse.Transaction decide(CardApplication app, UpstreamMessage m) {
        RequestBody r = m.request();
        return switch (r.transactionType()) {
            case SYNC -> new TerminalResponse.Transaction("SYNC", true, "session opened", 0, r.balance());
            case PURCHASE -> new TerminalResponse.Transaction("PURCHASE", true, "debited by the card", r.amount(),
                    r.balance());
            case AUTHENTICATE -> {
                String challenge = HexFormat.of().formatHex(r.challenge());
                // A challenge is single-use and short-lived: stops a recorded AUTHENTICATE from being replayed
                // to log in as the card holder. One conditional UPDATE consumes it, so two REQUESTs echoing the
                // same challenge at once (from two card applications) cannot both be approved.
                boolean ok = Challenge.consume(challenge, Instant.now());
                audit.record(app.id, AuditKind.CARD_AUTHENTICATED, TERMINAL, m, null,
                        (ok ? "approved" : "refused (unknown, used or expired)") + " for challenge " + challenge);
                yield new TerminalResponse.Transaction("AUTHENTICATE", ok,
                        ok ? "card authenticated" : "challenge unknown, used or expired", 0, r.balance());
            }
        };
    }

    private void recordPurchase(CardApplication app, UpstreamMessage m) {
        RequestBody r = m.request();
        Purchase p = new Purchase();
        p.applicationId = app.id;
        p.atc = m.atc();
        p.amount = r.amount();
        p.balanceAfter = r.balance();
        p.at = Instant.now();
        p.persist();
        audit.record(app.id, AuditKind.PURCHASE_RECORDED, TERMINAL, m, null, "amount " + r.amount() + ", balance after "
                + r.balance());
    }

    /** Issues the next script for this session (rule 4), at most one in flight (rule 7). */
    private TerminalResponse.ScriptView issue(CardApplication app, UpstreamMessage m) {
        // one more than a script can carry: if it is there, more is pending (no COUNT over a long list)
        List<Action> head = Action.pendingHead(app.id, config.maxActions() + 1);
        List<Action> pending = new ArrayList<>(head);
        int seen = head.size();
        if (app.status == ApplicationStatus.BLOCKED) {
            // a BLOCKED card runs nothing but UNBLOCK: send that first, or nothing
            Optional<Action> unblock = Action.firstPending(app.id, org.cardsync.protocol.ActionType.UNBLOCK);
            if (unblock.isEmpty()) {
                pending.clear();
            } else {
                if (!pending.removeIf(a -> a.id.equals(unblock.get().id))) {
                    seen++;
                }
                pending.add(0, unblock.get());
            }
        }
        // Nothing runs after a BLOCK in the same session (the card refuses it, 940A): end the script there, so
        // that the actions behind it are not charged a merit failure they did not earn.
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).type == org.cardsync.protocol.ActionType.BLOCK) {
                pending = new ArrayList<>(pending.subList(0, i + 1));
                break;
            }
        }
        if (m.atc() >= MAX_COUNTER) {
            // rule 9: this REQUEST took the card's last ATC; no ACK or INFO could ever report a script
            if (!pending.isEmpty()) {
                audit.alert(app.id, AlertKind.COUNTER_SATURATED, "ATC is at its maximum; the card signs nothing more, "
                        + "so no script is issued");
            }
            return new TerminalResponse.ScriptView(null, m.atc(), app.confirmedCa, List.of(), false);
        }
        long base = app.confirmedCa;
        if (base >= MAX_COUNTER && !pending.isEmpty()) {
            // rule 9: the card can execute nothing more; say so instead of leaving actions queued in silence
            audit.alert(app.id, AlertKind.COUNTER_SATURATED, "CA is at its maximum; " + pending.size()
                    + " pending actions can never run on this card application");
        }
        int n = (int) Math.min(Math.min(pending.size(), config.maxActions()), MAX_COUNTER - base);
        if (n == 0) {
            return new TerminalResponse.ScriptView(null, m.atc(), base, List.of(), false);
        }
        Script s = new Script();
        s.applicationId = app.id;
        s.baseCa = base;
        s.sessionAtc = m.atc();
        s.actionCount = n;
        s.status = ScriptStatus.IN_FLIGHT;
        s.issuedAt = Instant.now();
        s.persist();
        byte[] downKey = keys.downKey(app.keyVersion, app.protocolId());
        List<TerminalResponse.Command> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Action a = pending.get(i);
            a.sequenceNumber = base + 1 + i;
            a.state = ActionState.IN_FLIGHT;
            a.scriptId = s.id;
            a.attempts++;
            a.updatedAt = Instant.now();
            byte[] apdu = new ScriptCommand(m.atc(), a.sequenceNumber, a.type, Hex.decode(a.payload))
                    .apdu(downKey, app.protocolId());
            commands.add(new TerminalResponse.Command(a.id, a.sequenceNumber, a.type.name(), Hex.encode(apdu)));
        }
        audit.record(app.id, AuditKind.SCRIPT_ISSUED, TERMINAL, m, null, "script " + s.id + ": " + n
                + " actions, s=" + (base + 1) + ".." + (base + n) + ", bound to ATC " + m.atc());
        meters.counter("cardsync.scripts.issued").increment();
        return new TerminalResponse.ScriptView(s.id, m.atc(), base, commands, seen > n);
    }
}
