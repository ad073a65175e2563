package org.cardsync.applet;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.cardsync.protocol.ActionPayload;
import org.cardsync.protocol.ApplicationLoad;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.apdu.CommandApdu;

/**
 * A command that writes persistent memory, to be torn before each of its writes: what it takes to reach
 * it (uncut), and what the model must add when it ran.
 *
 * @param name               what the tear report calls it
 * @param personalised       whether it is sent to a personalised application (all but PERSONALISE)
 * @param reach              brings a fresh rig to the command, uncut, and returns the command to tear
 * @param whenRun            the cardholder's change the command makes when it ran (actions are the server's)
 * @param mayEndWithTrySpent whether a tear may leave one PIN try spent and nothing else: VERIFY PIN spends
 *                           the try before it compares (CardholderPin.check stops the attack that cuts the
 *                           power once the card has compared), so a torn right PIN counts as a wrong one
 */
record TornCommand(String name, boolean personalised, Function<TearRig, CommandApdu> reach,
                   Consumer<TearRig> whenRun, boolean mayEndWithTrySpent) {

    private static final ActionPayload CREDIT = new ActionPayload.Credit(250);
    private static final ActionPayload FOLLOW_UP = new ActionPayload.Credit(5);
    private static final ApplicationLoad LOADED = new ApplicationLoad(0x0202, Hex.decode("a5".repeat(200)));

    @Override
    public String toString() {
        return name;
    }

    /**
     * Every command that writes: each action type as an EXECUTE, PERSONALISE, REQUEST (a PURCHASE also
     * emptying the purse), ACK, INFO (also with no session open: the empty report), VERIFY PIN (right,
     * wrong, and wrong at the last try, which blocks the PIN).
     */
    static List<TornCommand> all() {
        List<TornCommand> all = new java.util.ArrayList<>(executes());
        all.add(new TornCommand("PERSONALISE", false, rig -> CardCommands.personalise(rig.personalisation),
                rig -> { }, false));
        all.add(request("REQUEST SYNC", rig -> IssuedCard.sync()));
        all.add(new TornCommand("REQUEST PURCHASE", true, rig -> {
            rig.rightPin();
            return IssuedCard.purchase(40);
        }, rig -> rig.expected.debit(40), false));
        all.add(new TornCommand("REQUEST PURCHASE (empties the purse)", true, rig -> {
            rig.rightPin();
            return IssuedCard.purchase(rig.expected.view().balance());
        }, rig -> rig.expected.debit(rig.expected.view().balance()), false));
        all.add(request("REQUEST AUTHENTICATE", rig -> CardCommands.request(TransactionType.AUTHENTICATE, 0,
                Hex.decode("01020304"), Hex.decode("c0".repeat(16)))));
        all.add(report("ACK", CardCommands.ack()));
        all.add(report("INFO", CardCommands.info()));
        all.add(request("INFO (no session open)", rig -> CardCommands.info()));
        all.add(new TornCommand("VERIFY PIN (right)", true, rig -> {
            rig.wrongPin();
            return CardCommands.verifyPin(IssuedCard.PIN);
        }, rig -> rig.expected.pinVerified(), true));
        all.add(new TornCommand("VERIFY PIN (wrong)", true, rig -> CardCommands.verifyPin("0000"),
                rig -> rig.expected.spendPinTry(), false));
        all.add(new TornCommand("VERIFY PIN (wrong, last try: blocks the PIN)", true, rig -> {
            while (rig.expected.view().pinTries() > 1) {
                rig.wrongPin();
            }
            return CardCommands.verifyPin("0000");
        }, rig -> rig.expected.spendPinTry(), false));
        return List.copyOf(all);
    }

    /**
     * One EXECUTE per action type, as the first command of a two-command script (so that the resend of
     * rule 6 must send both again, in order), after the history the action needs to change something.
     */
    static List<TornCommand> executes() {
        return List.of(
                execute("EXECUTE CREDIT", rig -> { }, CREDIT, new ActionPayload.WriteParameter(7, Hex.decode("ff"))),
                execute("EXECUTE WRITE_PARAMETER", rig -> { },
                        new ActionPayload.WriteParameter(3, Hex.decode("6e65772076616c7565")), FOLLOW_UP),
                execute("EXECUTE LOAD_APPLICATION_BLOCK (new entry)", rig -> { },
                        new ActionPayload.LoadApplicationBlock(0x0101, 0, Hex.decode("5a".repeat(100))), FOLLOW_UP),
                execute("EXECUTE LOAD_APPLICATION_BLOCK (next block)",
                        rig -> rig.sessionOf(new ActionPayload.LoadApplicationBlock(0x0101, 0, Hex.decode("5a".repeat(128)))),
                        new ActionPayload.LoadApplicationBlock(0x0101, 1, Hex.decode("5b".repeat(60))), FOLLOW_UP),
                execute("EXECUTE LOAD_APPLICATION_ACTIVATE",
                        rig -> rig.sessionOf(LOADED.blocks().toArray(ActionPayload[]::new)),
                        LOADED.activation(), FOLLOW_UP),
                execute("EXECUTE BLOCK", rig -> { }, new ActionPayload.Block(), new ActionPayload.Unblock()),
                execute("EXECUTE UNBLOCK", rig -> rig.sessionOf(new ActionPayload.Block()), new ActionPayload.Unblock(),
                        FOLLOW_UP),
                execute("EXECUTE RESET_PIN_TRIES", TearRig::wrongPin, new ActionPayload.ResetPinTries(), FOLLOW_UP));
    }

    private static TornCommand execute(String name, Consumer<TearRig> history, ActionPayload action,
                                       ActionPayload followUp) {
        return new TornCommand(name, true, rig -> {
            history.accept(rig);
            rig.server.queue(action, followUp);
            return CardCommands.execute(rig.openSession().get(0));
        }, rig -> { }, false);
    }

    private static TornCommand request(String name, Function<TearRig, CommandApdu> request) {
        return new TornCommand(name, true, request, rig -> { }, false);
    }

    /** ACK or INFO at the end of a session that executed an action the server has not yet seen settled. */
    private static TornCommand report(String name, CommandApdu report) {
        return new TornCommand(name, true, rig -> {
            rig.server.queue(new ActionPayload.Credit(7));
            for (byte[] command : rig.openSession()) {
                rig.issued.execute(command);
            }
            return report;
        }, rig -> { }, false);
    }
}
