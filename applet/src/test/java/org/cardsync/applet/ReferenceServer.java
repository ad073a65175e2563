package org.cardsync.applet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.cardsync.protocol.ActionChain;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.ScriptCommand;
import org.cardsync.protocol.UpstreamMessage;

/**
 * The server's side of the counter protocol for one card application, as ARCHITECTURE section 3 and
 * docs/protocol.md section 8 state it, built on the protocol module only (the applet module has no
 * backend): pending actions, one script in flight, settlement of every signed message by its CA and
 * action chain H (rule 6: the last x in-flight actions that the CA shows did not run are put back at the
 * head of the list and sent again; a chain that is not the chain of exactly the actions the CA counts is
 * an anomaly). It records what it finds wrong as violations instead of throwing, so that a tear test can
 * count them (and a test of a broken applet can see them).
 */
final class ReferenceServer {

    private record InFlight(long baseCa, List<ActionPayload> actions, List<byte[]> chains) {
    }

    private final byte[] upKey;
    private final byte[] downKey;
    private final CardApplicationId id;
    private final Deque<ActionPayload> pending = new ArrayDeque<>();
    private final List<ActionPayload> executed = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private long confirmedCa;
    private byte[] confirmedChain = ActionChain.initial();
    private long lastAtc;
    private InFlight inFlight;

    ReferenceServer(Personalisation personalisation) {
        upKey = personalisation.upKey();
        downKey = personalisation.downKey();
        id = personalisation.id();
        confirmedCa = personalisation.initialCa();
        lastAtc = personalisation.initialAtc();
    }

    /** The helpdesk queues actions for the card. */
    void queue(ActionPayload... actions) {
        pending.addAll(Arrays.asList(actions));
    }

    /**
     * Admits a signed message (MAC, then freshness: rules 2 and 3) and settles the script in flight by
     * the message's CA and H (rule 6, protocol.md 8). Returns whether it was admitted and consistent.
     */
    boolean settle(UpstreamMessage message) {
        if (!message.verify(upKey) || !message.id().equals(id)) {
            return violation("a message that does not verify: " + message);
        }
        // Rule 3: ATC strictly increasing; a card whose ATC went back would repeat an ATC.
        if (message.atc() <= lastAtc) {
            return violation("ATC " + message.atc() + " after " + lastAtc + ": the card's ATC went back");
        }
        lastAtc = message.atc();
        if (inFlight == null) {
            if (message.ca() != confirmedCa || !Arrays.equals(message.chain(), confirmedChain)) {
                return violation("nothing in flight, but the card signed CA " + message.ca() + " H "
                        + Hex.encode(message.chain()) + " against CA " + confirmedCa + " H " + Hex.encode(confirmedChain));
            }
            return true;
        }
        long ran = message.ca() - inFlight.baseCa;
        int issued = inFlight.actions.size();
        if (ran < 0 || ran > issued) {
            return violation("CA " + message.ca() + " outside the script (base " + inFlight.baseCa + ", "
                    + issued + " actions)");
        }
        if (!Arrays.equals(message.chain(), inFlight.chains.get((int) ran))) {
            return violation("CA " + message.ca() + " says " + ran + " of " + issued
                    + " actions ran, but H is not the chain of those actions");
        }
        executed.addAll(inFlight.actions.subList(0, (int) ran));
        List<ActionPayload> notRun = inFlight.actions.subList((int) ran, issued);
        for (int i = notRun.size() - 1; i >= 0; i--) {
            pending.addFirst(notRun.get(i));
        }
        confirmedCa = message.ca();
        confirmedChain = message.chain();
        inFlight = null;
        return true;
    }

    /**
     * Answers a REQUEST: settles it, then issues every pending action as one script bound to the session
     * it opened (rule 4: s = CA + 1, + 2, ...; rule 7: one script in flight). Returns the EXECUTE data of
     * each command, in order; none if the REQUEST was refused or nothing is pending.
     */
    List<byte[]> respond(UpstreamMessage request) {
        if (!settle(request) || pending.isEmpty()) {
            return List.of();
        }
        List<ActionPayload> actions = new ArrayList<>(pending);
        pending.clear();
        List<byte[]> commands = new ArrayList<>();
        List<byte[]> chains = new ArrayList<>();
        chains.add(confirmedChain);
        for (int i = 0; i < actions.size(); i++) {
            ActionPayload action = actions.get(i);
            ScriptCommand command = new ScriptCommand(request.atc(), confirmedCa + i + 1, action.type(),
                    action.encode());
            commands.add(command.encode(downKey, id));
            chains.add(ActionChain.next(upKey, chains.get(i), command.mac(downKey, id)));
        }
        inFlight = new InFlight(confirmedCa, actions, chains);
        return commands;
    }

    /** The actions recorded as executed, in order. */
    List<ActionPayload> executed() {
        return List.copyOf(executed);
    }

    long confirmedCa() {
        return confirmedCa;
    }

    boolean nothingPending() {
        return pending.isEmpty() && inFlight == null;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    private boolean violation(String what) {
        violations.add(what);
        return false;
    }
}
