package org.cardsync.backend.schedules;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.protocol.Hex;

/**
 * Plays one schedule: a fresh card issued through the admin API, the real applet, the terminal API and the
 * staff API, with every fault the steps name. It keeps what it did (the log printed with a counterexample),
 * what it counted (messages, faults by kind, rejected messages that named the card) and what broke a rule on the
 * way (a 5xx answer, an honest card frozen). {@link ScheduleInvariants} then runs the clean sessions and checks.
 */
final class ScheduleRun {
    /** One message as posted: endpoint and hex. */
    record Posted(String endpoint, String hex) {
    }

    final String cardId = Api.randomCardId();
    final long applicationId;
    final ScheduleCard card;
    final ScheduleTally tally;
    final List<String> log = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    private final byte[] name;
    /** The ids of every action the staff API answered 201 for: the test's own record, not the server's. */
    private final List<Long> actionIds = new ArrayList<>();
    private final List<Posted> signed = new ArrayList<>();
    private final Deque<Posted> delayed = new ArrayDeque<>();
    /** Script commands held back on their way to the card (hex APDUs), oldest first. */
    private final Deque<String> delayedCommands = new ArrayDeque<>();
    private final List<String> oldCommands = new ArrayList<>();
    private List<String> script = List.of();
    private int next;

    ScheduleRun(ScheduleTally tally) {
        this.tally = tally;
        JsonPath file = StaffSession.ADMIN.post("/api/admin/cards", """
                {"cardId":"%s","owner":"bob","applications":[
                  {"aid":"%s","purseLimit":%d,"balance":%d,"pin":"1234","pinTryLimit":%d,
                   "parameters":{"0":"0102"}}]}""".formatted(cardId, ScheduleCard.AID_HEX, CardModel.ISSUED_LIMIT,
                CardModel.ISSUED_BALANCE, CardModel.PIN_TRY_LIMIT)).then().statusCode(201).extract().jsonPath();
        applicationId = StaffSession.HELPDESK.get("/api/cards/" + cardId).then().statusCode(200).extract().jsonPath()
                .getLong("applications[0].id");
        card = new ScheduleCard(file.getString("applications[0].apdus[0]"));
        byte[] aid = Hex.decode(ScheduleCard.AID_HEX);
        // the header's name of this card application: card id (offset 2), AID length, AID (protocol.md section 5)
        name = new byte[8 + 1 + aid.length];
        System.arraycopy(Hex.decode(cardId), 0, name, 0, 8);
        name[8] = (byte) aid.length;
        System.arraycopy(aid, 0, name, 9, aid.length);
    }

    void play(Schedule schedule) {
        for (Step step : schedule.steps()) {
            log.add(step.toString());
            run(step);
        }
        while (!delayedCommands.isEmpty()) {
            note("after the schedule: a delayed script command reaches the card");
            execute(delayedCommands.poll());
        }
        while (!delayed.isEmpty()) {
            note("after the schedule: a delayed message arrives");
            post(delayed.poll());
        }
    }

    private void run(Step step) {
        if (step instanceof Step.Queue q) {
            queue(q.action().json());
        } else if (step instanceof Step.Cancel c) {
            staffAct(c.nth(), "cancel");
        } else if (step instanceof Step.Retry r) {
            staffAct(r.nth(), "retry");
        } else if (step instanceof Step.Upstream u) {
            upstream(u);
        } else if (step instanceof Step.Command c) {
            command(c);
        } else if (step instanceof Step.ReplayCommand r) {
            if (!oldCommands.isEmpty()) {
                tally.fault("command replayed");
                execute(oldCommands.get(r.nth() % oldCommands.size()));
            }
        } else if (step instanceof Step.ReplayMessage r) {
            if (!signed.isEmpty()) {
                tally.fault("message replayed");
                post(signed.get(r.nth() % signed.size()));
            }
        } else if (step instanceof Step.DeliverDelayed) {
            if (!delayed.isEmpty()) {
                post(delayed.poll());
            }
        } else if (step instanceof Step.DeliverDelayedCommand) {
            if (!delayedCommands.isEmpty()) {
                execute(delayedCommands.poll());
            }
        } else if (step instanceof Step.Pull) {
            tally.fault("card pulled");
            card.pull();
        }
    }

    // --- staff ---------------------------------------------------------------------------------------------

    /** The ids of the actions the server accepted (201) during this run, in order. */
    List<Long> actionIds() {
        return List.copyOf(actionIds);
    }

    void queue(String json) {
        Response r = StaffSession.HELPDESK.post("/api/applications/" + applicationId + "/actions", json);
        if (r.statusCode() == 201) {
            List<Long> ids = r.jsonPath().getList("id", Long.class);
            actionIds.addAll(ids);
            note("queued as " + ids);
        } else {
            answered("queue", r);
        }
    }

    private void staffAct(int nth, String act) {
        if (actionIds.isEmpty()) {
            return;
        }
        long id = actionIds.get(nth % actionIds.size());
        tally.fault("helpdesk " + act);
        Response r = StaffSession.HELPDESK.post("/api/applications/" + applicationId + "/actions/" + id + "/" + act, "{}");
        answered(act + " of action " + id, r);
    }

    // --- the card's messages ---------------------------------------------------------------------------------

    private void upstream(Step.Upstream u) {
        boolean cut = u.fate() == Step.Fate.POWER_CUT;
        Optional<String> message = card.sign(u.message(), cut ? u.bit() : 0);
        if (cut) {
            powerCut(u.message());
        }
        if (message.isEmpty()) {
            if (!card.lastCommandCut()) {
                note("the card refuses to sign an " + u.message() + " (no session)");
            }
            return;
        }
        String hex = message.get();
        if (u.message().equals("REQUEST")) {
            tally.session();
        }
        String endpoint = u.message().toLowerCase();
        signed.add(new Posted(endpoint, hex));
        if (u.fate() != Step.Fate.SENT && !cut) {
            tally.fault("message " + u.fate().name().toLowerCase());
        }
        switch (u.fate()) {
            case SENT, POWER_CUT -> post(new Posted(endpoint, hex));
            case LOST -> { }
            case DUPLICATED -> {
                post(new Posted(endpoint, hex));
                post(new Posted(endpoint, hex));
            }
            case DELAYED -> delayed.add(new Posted(endpoint, hex));
            case FLIPPED -> post(new Posted(endpoint, flip(hex, 0, u.bit())));
            case MISROUTED -> post(new Posted(endpoint.equals("request") ? "ack" : "request", hex));
        }
    }

    /** Posts one message to the terminal API, counts what the server answered; answers the HTTP status. */
    int post(Posted p) {
        tally.message();
        Response r = given().contentType(ContentType.JSON).body("{\"message\":\"" + p.hex() + "\"}")
                .post("/api/terminal/" + p.endpoint());
        int status = r.statusCode();
        if (status == 200) {
            note("POST /" + p.endpoint() + ": 200");
            if (p.endpoint().equals("request")) {
                List<String> commands = r.jsonPath().getList("script.commands.apdu", String.class);
                oldCommands.addAll(script);
                script = commands == null ? List.of() : commands;
                next = 0;
                note("the terminal holds a script of " + script.size() + " commands");
            }
            return status;
        }
        String code = r.jsonPath().getString("code");
        note("POST /" + p.endpoint() + ": " + status + " " + code);
        if (status >= 500 || code == null) {
            violations.add("the terminal API answered " + status + " " + r.asString());
        } else if (code.equals("COUNTER_ANOMALY") || code.equals("APPLICATION_FROZEN")) {
            violations.add("an honest card's message was answered " + code + ": " + r.jsonPath().getString("message"));
        } else if (namesThisCard(Hex.decode(p.hex()))) {
            tally.rejected(code);
        }
        return status;
    }

    private boolean namesThisCard(byte[] message) {
        return message.length >= 2 + name.length
                && Arrays.equals(Arrays.copyOfRange(message, 2, 2 + name.length), name);
    }

    // --- script commands -------------------------------------------------------------------------------------

    private void command(Step.Command c) {
        if (next >= script.size()) {
            note("(no command left to send)");
            return;
        }
        if (c.fate() != Step.CommandFate.SENT && c.fate() != Step.CommandFate.POWER_CUT) {
            tally.fault("command " + c.fate().name().toLowerCase());
        }
        String command = script.get(next++);
        switch (c.fate()) {
            case SENT -> execute(command);
            case LOST -> { }
            case DUPLICATED -> {
                execute(command);
                execute(command);
            }
            case DELAYED -> delayedCommands.add(command);
            case SWAPPED -> {
                if (next < script.size()) {
                    execute(script.get(next++));
                }
                execute(command);
            }
            // after the 5-byte header: a broken Lc would be refused by the reader, not the card
            case FLIPPED -> execute(flip(command, 5, c.bit()));
            case POWER_CUT -> {
                tally.command();
                int sw = card.execute(command, c.bit());
                powerCut("EXECUTE");
                if (sw != ScheduleCard.CUT) {
                    note("card answers " + sw(sw));
                }
            }
        }
    }

    void execute(String command) {
        tally.command();
        note("card answers " + sw(card.execute(command, 0)));
    }

    /** Notes whether the last command was really cut (a cut armed past its last write leaves it whole). */
    private void powerCut(String command) {
        if (card.lastCommandCut()) {
            tally.fault("power cut in " + command);
            note("power lost before write " + (card.writesOfLastCommand() + 1) + " of the " + command
                    + ": no answer, the card is reset and selected again");
        } else {
            note("no power cut: the " + command + " made only " + card.writesOfLastCommand() + " writes");
        }
    }

    /**
     * One clean session: REQUEST, every command of its script in order, ACK, nothing lost. Answers whether both
     * messages were accepted.
     */
    boolean cleanSession() {
        note("clean session");
        tally.session();
        Optional<String> request = card.request();
        if (request.isEmpty()) {
            violations.add("the card refused to sign a REQUEST in a clean session");
            return false;
        }
        int before = violations.size();
        String requestHex = request.get();
        signed.add(new Posted("request", requestHex));
        if (!accepted(new Posted("request", requestHex))) {
            return false;
        }
        while (next < script.size()) {
            execute(script.get(next++));
        }
        Optional<String> ack = card.ack();
        if (ack.isEmpty()) {
            violations.add("the card refused to sign the ACK of a clean session");
            return false;
        }
        signed.add(new Posted("ack", ack.get()));
        return accepted(new Posted("ack", ack.get())) && violations.size() == before;
    }

    private boolean accepted(Posted p) {
        int status = post(p);
        if (status != 200) {
            violations.add("a clean session's " + p.endpoint().toUpperCase() + " was refused: " + log.get(log.size() - 1));
        }
        return status == 200;
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void answered(String what, Response r) {
        note(what + ": " + r.statusCode() + (r.statusCode() >= 400 ? " " + r.jsonPath().getString("code") : ""));
        if (r.statusCode() >= 500) {
            violations.add(what + " answered " + r.statusCode() + " " + r.asString());
        }
    }

    void note(String what) {
        log.add("  -> " + what);
    }

    private static String sw(int sw) {
        return sw == ScheduleCard.CUT ? "(no answer: power cut)" : sw < 0 ? "(refused by the reader)" : String.format("%04X", sw);
    }

    /** Flips bit {@code bit} (modulo the bits after {@code fromByte}) of a hex string. */
    static String flip(String hex, int fromByte, int bit) {
        byte[] b = Hex.decode(hex);
        int at = fromByte * 8 + bit % ((b.length - fromByte) * 8);
        b[at / 8] ^= (byte) (1 << (at % 8));
        return Hex.encode(b);
    }
}
