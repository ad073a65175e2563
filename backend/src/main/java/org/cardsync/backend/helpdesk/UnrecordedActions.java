package org.cardsync.backend.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cardsync.backend.action.Action;
import org.cardsync.backend.action.ActionState;
import org.cardsync.backend.audit.AuditKind;
import org.cardsync.backend.audit.AuditTrail;
import org.cardsync.backend.card.CardApplication;
import org.cardsync.backend.script.Script;
import org.cardsync.backend.settlement.ExpectedChains;

/**
 * What a resync must not take on trust (docs/protocol.md "Freeze, unfreeze and resync"): a card that signed a CA above
 * what the record explains, or a chain other than the one the record gives for that CA, ran actions this server has
 * no record of. The usual cause is a database restored from a backup: actions QUEUED in the backup were then issued
 * and run in sessions the restore forgot, and are QUEUED again. Resent from the card's CA, they would run twice
 * (rule 8), so the resync ends them instead; their outcome is for a person to check on the card.
 */
@ApplicationScoped
public class UnrecordedActions {
    private final ExpectedChains chains;
    private final AuditTrail audit;

    public UnrecordedActions(ExpectedChains chains, AuditTrail audit) {
        this.chains = chains;
        this.audit = audit;
    }

    /** The card ran actions the record cannot identify: {@code count} of them, or null when only the chain tells. */
    public record Finding(Long count) {
        /** The reason of each queued action the resync ends: what happened and what to do, for a helpdesk agent. */
        public String reason() {
            return "outcome unknown after a counter resync: " + what() + "; check the card before retrying";
        }

        /** "the card ran N actions this server has no record of (a restored database?)" */
        public String what() {
            String actions = count == null ? "actions" : count == 1 ? "1 action" : count + " actions";
            return "the card ran " + actions + " this server has no record of (a restored database?)";
        }
    }

    /**
     * Compares what the card last signed (signed CA and chain) with what the record explains: the confirmed CA and
     * chain with nothing in flight, or the in-flight script's chains for k = signed CA − b in 0 … n. A card behind
     * the record (signed CA below it) ran nothing unknown to it; the record has no chain to compare with there.
     *
     * @param inFlight the script in flight, if any, and its IN_FLIGHT actions in sequence order
     */
    public Optional<Finding> find(CardApplication app, Optional<Script> inFlight, List<Action> inFlightActions) {
        long signed = app.signedCa;
        if (inFlight.isEmpty()) {
            if (signed > app.confirmedCa) {
                return Optional.of(new Finding(signed - app.confirmedCa));
            }
            boolean chainMatches = signed < app.confirmedCa || Arrays.equals(app.signedChain, app.confirmedChain);
            return chainMatches ? Optional.empty() : Optional.of(new Finding(null));
        }
        Script script = inFlight.get();
        long top = script.baseCa + inFlightActions.size();
        if (signed > top) {
            return Optional.of(new Finding(signed - top));
        }
        if (signed < script.baseCa) {
            return Optional.empty();
        }
        byte[] expected = chains.of(app, script, inFlightActions).get((int) (signed - script.baseCa));
        return Arrays.equals(app.signedChain, expected) ? Optional.empty() : Optional.of(new Finding(null));
    }

    /**
     * Ends as FAILED every action that was QUEUED when the freezing message was recorded: any of them may be one the
     * card ran. One queued after the freeze cannot be (no script is issued to a frozen application), so it stays.
     * The customer's BLOCK stays too: ScriptIssuer sends it alone, so a stolen card gets nothing else, and a card
     * that already ran it refuses it (940A). Each is audited with the acting staff member.
     *
     * @return the actions ended, in pending order
     */
    public List<Action> failQueued(CardApplication app, Finding finding, Instant frozenAt, String actor,
                                   String comment, Instant now) {
        List<Action> ended = Action.<Action>list("applicationId = ?1 and state = ?2 and createdAt <= ?3"
                + " order by position", app.id, ActionState.QUEUED, frozenAt).stream()
                .filter(a -> !a.id.equals(app.blockActionId)).toList();
        String reason = finding.reason();
        for (Action a : ended) {
            a.state = ActionState.FAILED;
            a.reason = reason;
            a.updatedAt = now;
            audit.act(app.id, AuditKind.ACTION_FAILED, actor, a.id, reason, comment);
        }
        return ended;
    }
}
