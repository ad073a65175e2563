package org.cardsync.applet;

import java.util.ArrayList;
import java.util.List;

import org.cardsync.cardsim.tearing.BrokenVariant;
import org.cardsync.cardsim.tearing.CallMovedAfterCommit;
import org.cardsync.cardsim.tearing.TearingCard;
import org.cardsync.cardsim.tearing.TransactionRemoved;
import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Personalisation;
import org.cardsync.protocol.UpstreamMessage;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * One card application on a {@link TearingCard}, the terminal that drives it (protocol's CardClient
 * through {@link IssuedCard}), the server it talks to ({@link ReferenceServer}) and what it must show
 * ({@link ExpectedCard}): everything one tear point needs, fresh for each.
 */
final class TearRig {

    /** A deliberately broken applet: EXECUTE's effect, CA + 1 and H written outside any transaction. */
    static final TransactionRemoved EXECUTE_WITHOUT_TRANSACTION =
            new TransactionRemoved(CardsyncApplet.class.getName(), "processExecute");

    /**
     * The broken variant: EXECUTE's CA + 1 ({@code actionCounter.increment()}) moved below
     * {@code commitTransaction()}, while the effect and H stay inside the transaction.
     */
    static final CallMovedAfterCommit EXECUTE_CA_AFTER_COMMIT =
            new CallMovedAfterCommit(CardsyncApplet.class.getName(), "processExecute", "increment");

    /** The broken variants the tear checks must catch, for every action type. */
    static final List<BrokenVariant> BROKEN_VARIANTS = List.of(EXECUTE_CA_AFTER_COMMIT, EXECUTE_WITHOUT_TRANSACTION);

    /** What a terminal reads of the card: the persistent view and the ATC. */
    record Snapshot(ExpectedCard.View view, long atc) {
    }

    final Personalisation personalisation = IssuedCard.personalisation(IssuedCard.AID, 100_000, 1_000, 0, 0);
    final TearingCard card;
    final IssuedCard issued;
    final ReferenceServer server = new ReferenceServer(personalisation);
    final ExpectedCard expected = new ExpectedCard(personalisation);
    private final List<String> violations = new ArrayList<>();
    private int actionsApplied;

    TearRig(boolean personalised, BrokenVariant variant) {
        card = TearingCard.install(CardsyncApplet.class.getName(), CardsyncApplet.class.getPackageName(),
                IssuedCard.AID, variant);
        issued = IssuedCard.over(card, personalisation);
        if (personalised) {
            personalise();
        }
    }

    void personalise() {
        issued.expectOk(CardCommands.personalise(personalisation));
    }

    /** GET STATUS and every parameter, on the selected application, changing nothing. */
    Snapshot snapshot() {
        var status = issued.client.status();
        List<String> parameters = new ArrayList<>();
        for (int slot = 0; slot < 8; slot++) {
            parameters.add(issued.send(CardCommands.readParameter(slot)).hex());
        }
        return new Snapshot(ExpectedCard.View.of(status, parameters), status.atc());
    }

    /** REQUEST SYNC, answered by the server with the script it issues for that session. */
    List<byte[]> openSession() {
        UpstreamMessage request = issued.openSession();
        List<byte[]> script = server.respond(request);
        applyExecuted();
        return script;
    }

    /** A whole session: REQUEST, every command of the server's script (each must run), ACK, settled. */
    void session() {
        for (byte[] command : openSession()) {
            ResponseApdu response = issued.execute(command);
            if (!response.isOk()) {
                violation("a script command was refused with " + response.swHex());
            }
        }
        server.settle(issued.ack());
        applyExecuted();
    }

    /** A session that runs {@code actions}. */
    void sessionOf(ActionPayload... actions) {
        server.queue(actions);
        session();
    }

    void wrongPin() {
        issued.send(CardCommands.verifyPin("9999"));
        expected.spendPinTry();
    }

    void rightPin() {
        issued.expectOk(CardCommands.verifyPin(IssuedCard.PIN));
        expected.pinVerified();
    }

    void purchase(long amount) {
        rightPin();
        issued.signed(IssuedCard.purchase(amount));
        expected.debit(amount);
    }

    /** The actions the server recorded since the last call, applied to the model in order. */
    void applyExecuted() {
        List<ActionPayload> executed = server.executed();
        for (; actionsApplied < executed.size(); actionsApplied++) {
            expected.apply(executed.get(actionsApplied));
        }
    }

    void violation(String what) {
        violations.add(what);
    }

    /** Everything found wrong, by this rig's checks and by its server. */
    List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        all.addAll(server.violations());
        return all;
    }
}
