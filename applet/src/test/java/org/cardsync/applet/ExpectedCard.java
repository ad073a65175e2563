package org.cardsync.applet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.Personalisation;

/**
 * What a card application must show after a history, computed from the personalisation and the actions
 * applied once each, in order (protocol.md section 6.1), with the cardholder's own changes (purchases,
 * PIN tries): an independent model of the applet's observable state, for the tear tests' last check.
 */
final class ExpectedCard {

    /**
     * A card application's persistent state as a terminal reads it (GET STATUS without the transient
     * flags, and READ PARAMETER of every slot); the ATC is left out, since it counts messages, not actions.
     */
    record View(LifeCycleState state, long ca, long balance, long purseLimit, int pinTries,
                List<CardStatus.ApplicationEntry> applications, List<String> parameters) {

        static View of(CardStatus status, List<String> parameters) {
            return new View(status.state(), status.ca(), status.balance(), status.purseLimit(),
                    status.pinTriesRemaining(), status.applications(), parameters);
        }
    }

    private final long purseLimit;
    private final int pinTryLimit;
    private final Map<Integer, String> parameters = new TreeMap<>();
    private final List<int[]> applications = new ArrayList<>();
    private LifeCycleState state = LifeCycleState.ACTIVE;
    private long ca;
    private long balance;
    private int pinTries;

    ExpectedCard(Personalisation personalisation) {
        purseLimit = personalisation.purseLimit();
        pinTryLimit = personalisation.pinTryLimit();
        ca = personalisation.initialCa();
        balance = personalisation.balance();
        pinTries = pinTryLimit;
        personalisation.parameters().forEach((slot, value) -> parameters.put(slot, Hex.encode(value)));
    }

    /** An action the server recorded as executed: its effect and CA + 1. */
    void apply(ActionPayload action) {
        if (action instanceof ActionPayload.Credit credit) {
            balance += credit.amount();
        } else if (action instanceof ActionPayload.WriteParameter write) {
            parameters.put(write.slot(), Hex.encode(write.value()));
        } else if (action instanceof ActionPayload.LoadApplicationBlock block) {
            int[] entry = entry(block.appId());
            if (entry == null) {
                entry = new int[] {block.appId(), CardStatus.ApplicationEntry.LOADING, 0};
                applications.add(entry);
            }
            entry[2] += block.data().length;
        } else if (action instanceof ActionPayload.LoadApplicationActivate activate) {
            entry(activate.appId())[1] = CardStatus.ApplicationEntry.ACTIVE;
        } else if (action instanceof ActionPayload.Block) {
            state = LifeCycleState.BLOCKED;
        } else if (action instanceof ActionPayload.Unblock) {
            state = LifeCycleState.ACTIVE;
        } else if (action instanceof ActionPayload.ResetPinTries) {
            pinTries = pinTryLimit;
        }
        ca++;
    }

    /** A PURCHASE the card signed. */
    void debit(long amount) {
        balance -= amount;
    }

    /** A PIN try spent (a wrong PIN, or a right one torn before it gave the try back). */
    void spendPinTry() {
        pinTries--;
    }

    /** A right PIN: every try back. */
    void pinVerified() {
        pinTries = pinTryLimit;
    }

    View view() {
        List<CardStatus.ApplicationEntry> entries = applications.stream()
                .map(e -> new CardStatus.ApplicationEntry(e[0], e[1], e[2])).toList();
        List<String> values = new ArrayList<>();
        for (int slot = 0; slot < 8; slot++) {
            values.add(parameters.getOrDefault(slot, "") + "9000");
        }
        return new View(state, ca, balance, purseLimit, pinTries, entries, values);
    }

    private int[] entry(int appId) {
        return applications.stream().filter(e -> e[0] == appId).findFirst().orElse(null);
    }
}
