package org.cardsync.backend.script;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionRows;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.card.ApplicationStatus;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.backend.script.IssuedScript.Counter;
import org.cardsync.backend.script.IssuedScript.Saturation;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.Counters;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.ScriptCommand;
import org.cardsync.protocol.UpstreamMessage;

/**
 * Issues the next script for the session an admitted REQUEST opened (rule 4): the head of the pending list,
 * each action bound by its MAC to this card application, this session's ATC and its sequence number. Runs
 * after settlement, inside the card application's row lock, so at most one script is in flight (rule 7). The pending
 * list is read after settlement wrote its actions (ActionRows), so that actions it requeued are back at its head.
 */
@ApplicationScoped
public class ScriptIssuer {
    private final CardKeys keys;
    private final CardsyncConfig.Scripts config;
    private final ActionRows actions;
    private final ScriptRows scripts;

    public ScriptIssuer(CardKeys keys, CardsyncConfig.Scripts config, ActionRows actions, ScriptRows scripts) {
        this.keys = keys;
        this.config = config;
        this.actions = actions;
        this.scripts = scripts;
    }

    public IssuedScript issue(CardApplication app, UpstreamMessage request) {
        int maxActions = config.maxActions();
        // one more than a script can carry: if it is there, more is pending (no COUNT over a long list)
        List<Action> head = actions.pendingHead(app.id, maxActions + 1);
        boolean blocked = app.status == ApplicationStatus.BLOCKED;
        // a card already blocked needs no second BLOCK (it would refuse it, 940A): the rules for BLOCKED apply
        Selection selection = (blocked ? Optional.<Action>empty() : actions.requestedBlock(app.id, app.blockActionId))
                .map(ScriptIssuer::blockOnly)
                .orElseGet(() -> cutAtBlock(blocked ? unblockFirst(app, head) : all(head)));
        List<Action> pending = selection.actions();
        long atc = request.atc();
        long base = app.confirmedCa;
        if (Counters.saturated(atc)) {
            // rule 9: this REQUEST took the card's last ATC; no ACK or INFO could ever report a script
            return IssuedScript.none(atc, base, pending.isEmpty() ? Optional.empty()
                    : Optional.of(new Saturation(Counter.ATC, pending.size())));
        }
        // rule 9: at CA = max the card executes nothing more; say so instead of leaving actions queued in silence
        Optional<Saturation> saturation = Counters.saturated(base) && !pending.isEmpty()
                ? Optional.of(new Saturation(Counter.CA, pending.size())) : Optional.empty();
        int n = (int) Math.min(Math.min(pending.size(), maxActions), Counters.MAX - base);
        if (n == 0) {
            return IssuedScript.none(atc, base, saturation);
        }
        List<Action> issued = pending.subList(0, n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            Action a = issued.get(i);
            a.sequenceNumber = base + 1 + i;
            a.state = ActionState.IN_FLIGHT;
            a.attempts++;
            a.updatedAt = now;
        }
        // the script this message settled is already written SETTLED (SettlementRecorder), so V7's index of one
        // IN_FLIGHT script per application lets this one in
        Script script = scripts.open(app.id, base, app.confirmedChain, atc, issued, now);
        CmacKey downKey = keys.downKey(app.keyVersion, app.protocolId());
        List<IssuedScript.Command> commands = new ArrayList<>();
        for (Action a : issued) {
            a.scriptId = script.id;
            byte[] apdu = new ScriptCommand(atc, a.sequenceNumber, a.type, Hex.decode(a.payload))
                    .apdu(downKey, app.protocolId());
            commands.add(new IssuedScript.Command(a, Hex.encode(apdu)));
        }
        return new IssuedScript(Optional.of(script), atc, base, commands, selection.seen() > n, saturation);
    }

    /** The actions a script may carry, in order, and how many pending actions were looked at. */
    private record Selection(List<Action> actions, int seen) {
    }

    private static Selection all(List<Action> head) {
        return new Selection(head, head.size());
    }

    /**
     * A customer reported the card lost or stolen: the block is all that is sent until it has run, so that a
     * thief holding the card cannot have a pending top-up or service applied first. The other actions stay
     * QUEUED (what is in flight has already settled by the rules, before this runs), so none is lost.
     */
    private static Selection blockOnly(Action block) {
        return new Selection(List.of(block), 1);
    }

    /** A BLOCKED card runs nothing but UNBLOCK (940A): send the first pending UNBLOCK first, or nothing. */
    private Selection unblockFirst(CardApplication app, List<Action> head) {
        Optional<Action> unblock = actions.firstPending(app.id, ActionType.UNBLOCK);
        if (unblock.isEmpty()) {
            return new Selection(List.of(), head.size());
        }
        List<Action> ordered = new ArrayList<>();
        ordered.add(unblock.get());
        head.stream().filter(a -> !a.id.equals(unblock.get().id)).forEach(ordered::add);
        boolean inHead = ordered.size() == head.size();
        return new Selection(ordered, inHead ? head.size() : head.size() + 1);
    }

    /**
     * Nothing runs after a BLOCK in the same session (the card refuses it, 940A): end the script there, so
     * that the actions behind it are not charged a merit failure they did not earn.
     */
    private static Selection cutAtBlock(Selection selection) {
        List<Action> actions = selection.actions();
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).type == ActionType.BLOCK) {
                return new Selection(actions.subList(0, i + 1), selection.seen());
            }
        }
        return selection;
    }
}
