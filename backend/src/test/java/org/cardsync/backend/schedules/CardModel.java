package org.cardsync.backend.schedules;

import java.util.ArrayList;
import java.util.List;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.LifeCycleState;

/**
 * The oracle: the card as the issuer's personalisation file left it (Api.issue: balance 1000, limit 100000,
 * parameter 0 = 0102, 3 PIN tries, no applications, ACTIVE), with the server's EXECUTED actions applied in
 * sequence order, each as docs/protocol.md section 6.1 says the card applies it. Compared field by field with
 * what the card reports.
 */
final class CardModel {
    static final long ISSUED_BALANCE = 1000;
    static final long ISSUED_LIMIT = 100_000;
    static final int PIN_TRY_LIMIT = 3;

    long balance = ISSUED_BALANCE;
    LifeCycleState state = LifeCycleState.ACTIVE;
    int pinTries = PIN_TRY_LIMIT;
    final String[] parameters = {"0102", "", "", "", "", "", "", ""};
    final List<CardStatus.ApplicationEntry> applications = new ArrayList<>();

    /** Applies one EXECUTED action (its type and payload as the staff API shows them). */
    void apply(String type, String payloadHex) {
        ActionPayload payload = ActionPayload.decode(ActionType.valueOf(type), Hex.decode(payloadHex));
        if (payload instanceof ActionPayload.Credit c) {
            balance += c.amount();
        } else if (payload instanceof ActionPayload.WriteParameter w) {
            parameters[w.slot()] = Hex.encode(w.value());
        } else if (payload instanceof ActionPayload.LoadApplicationBlock b) {
            int at = indexOf(b.appId());
            if (at < 0) {
                applications.add(new CardStatus.ApplicationEntry(b.appId(), CardStatus.ApplicationEntry.LOADING,
                        b.data().length));
            } else {
                CardStatus.ApplicationEntry e = applications.get(at);
                applications.set(at, new CardStatus.ApplicationEntry(e.appId(), e.state(), e.length() + b.data().length));
            }
        } else if (payload instanceof ActionPayload.LoadApplicationActivate a) {
            int at = indexOf(a.appId());
            CardStatus.ApplicationEntry e = applications.get(at);
            applications.set(at, new CardStatus.ApplicationEntry(e.appId(), CardStatus.ApplicationEntry.ACTIVE, e.length()));
        } else if (payload instanceof ActionPayload.Block) {
            state = LifeCycleState.BLOCKED;
        } else if (payload instanceof ActionPayload.Unblock) {
            state = LifeCycleState.ACTIVE;
        } else if (payload instanceof ActionPayload.ResetPinTries) {
            pinTries = PIN_TRY_LIMIT;
        }
    }

    private int indexOf(int appId) {
        for (int i = 0; i < applications.size(); i++) {
            if (applications.get(i).appId() == appId) {
                return i;
            }
        }
        return -1;
    }

    /** Where the card differs from the model, in words; empty when they are equal. */
    List<String> differences(CardStatus card, List<String> cardParameters) {
        List<String> d = new ArrayList<>();
        if (card.balance() != balance) {
            d.add("purse: card " + card.balance() + ", executed actions give " + balance);
        }
        if (card.purseLimit() != ISSUED_LIMIT) {
            d.add("purse limit: card " + card.purseLimit() + ", issued " + ISSUED_LIMIT);
        }
        if (card.state() != state) {
            d.add("life-cycle state: card " + card.state() + ", executed actions give " + state);
        }
        if (card.pinTriesRemaining() != pinTries) {
            d.add("PIN tries: card " + card.pinTriesRemaining() + ", expected " + pinTries);
        }
        if (!card.applications().equals(applications)) {
            d.add("application table: card " + card.applications() + ", executed actions give " + applications);
        }
        if (!cardParameters.equals(List.of(parameters))) {
            d.add("parameters: card " + cardParameters + ", executed actions give " + List.of(parameters));
        }
        return d;
    }
}
