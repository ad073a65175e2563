package org.cardsync.e2e.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cardsync.protocol.CardStatus;

/**
 * The invariants of issue 11 part 3, checked after a fault run and a clean session per card, on what the database
 * holds (read directly, not through the backend) against what the clients were promised ({@link Ledger}) and what
 * the cards hold. Independent of the database's own guards: it would find a second script for one session even
 * without a unique index. Each violation is one sentence.
 */
final class ServerInvariants {

    /** The balance every card of the run is issued with (OperatorApi.issueCard). */
    static final long ISSUED_BALANCE = 1000;

    private ServerInvariants() {
    }

    static List<String> check(Connection db, Ledger ledger, List<FaultCard> cards) throws SQLException {
        List<String> violations = new ArrayList<>();
        // ARCHITECTURE rule 7: one script per (application, session ATC), at most one in flight per application
        query(db, "select application_id, session_atc, count(*) from script group by application_id, session_atc"
                + " having count(*) > 1", r -> violations.add("application " + r.getLong(1) + " has " + r.getLong(3)
                + " scripts for session ATC " + r.getLong(2)));
        query(db, "select application_id, count(*) from script where status = 'IN_FLIGHT' group by application_id"
                + " having count(*) > 1", r -> violations.add("application " + r.getLong(1) + " has " + r.getLong(2)
                + " scripts in flight"));
        Map<Long, ActionRow> actions = new HashMap<>();
        query(db, "select id, application_id, state, sequence_number, script_id, payload from action where type = 'CREDIT'",
                r -> actions.put(r.getLong(1), new ActionRow(r.getLong(2), r.getString(3),
                        (Long) r.getObject(4), (Long) r.getObject(5), r.getString(6))));
        // nothing answered 201 is lost, and each ends in a final state (this run neither cancels nor can fail)
        ledger.queuedAmounts().forEach((id, amount) -> {
            ActionRow row = actions.get(id);
            if (row == null) {
                violations.add("action " + id + " was answered 201 but is not in the database");
            } else if (!"EXECUTED".equals(row.state())) {
                violations.add("action " + id + " (answered 201) ended " + row.state());
            } else if (row.amount() != amount) {
                violations.add("action " + id + " was queued for " + amount + " but is recorded as " + row.amount());
            }
        });
        Map<Long, ScriptRow> scripts = new HashMap<>();
        query(db, "select id, application_id, session_atc, status from script", r -> scripts.put(r.getLong(1),
                new ScriptRow(r.getLong(2), r.getLong(3), r.getString(4))));
        // every script a terminal received (200) was durable, and what the card ran of it is what was recorded
        for (Ledger.ReceivedScript received : ledger.scripts()) {
            ScriptRow row = scripts.get(received.scriptId());
            if (row == null || row.applicationId() != received.applicationId()
                    || row.sessionAtc() != received.sessionAtc()) {
                violations.add("script " + received.scriptId() + " (session ATC " + received.sessionAtc()
                        + ") was received by a terminal but the database has " + row);
                continue;
            }
            if (!"SETTLED".equals(row.status())) {
                violations.add("script " + received.scriptId() + " is still " + row.status() + " after the clean sessions");
            }
            for (Ledger.Command ran : received.executedOnCard()) {
                ActionRow action = actions.get(ran.actionId());
                if (action == null || !"EXECUTED".equals(action.state()) || action.sequence() == null
                        || action.sequence() != ran.sequence()) {
                    violations.add("the card ran action " + ran.actionId() + " as s=" + ran.sequence() + " of script "
                            + received.scriptId() + " but the database has " + action);
                }
            }
        }
        // a REQUEST resent after its answer was lost and answered with a script: that script is the only one the
        // database has for the session (the lost delivery issued none, or the resend got the very same one)
        for (Ledger.Resend resent : ledger.resends()) {
            if (resent.scriptId() == 0) {
                continue;
            }
            List<Long> forSession = new ArrayList<>();
            scripts.forEach((id, row) -> {
                if (row.applicationId() == resent.applicationId() && row.sessionAtc() == resent.sessionAtc()) {
                    forSession.add(id);
                }
            });
            if (!forSession.equals(List.of(resent.scriptId()))) {
                violations.add("a resent REQUEST (application " + resent.applicationId() + ", session ATC "
                        + resent.sessionAtc() + ") got script " + resent.scriptId() + ", but the database has scripts "
                        + forSession + " for that session");
            }
        }
        for (FaultCard card : cards) {
            violations.addAll(cardEqualsExecutedActions(db, card, actions));
        }
        return violations;
    }

    /** The card's CA and balance are the EXECUTED actions applied once each, in order s = 1..n. */
    private static List<String> cardEqualsExecutedActions(Connection db, FaultCard card, Map<Long, ActionRow> actions)
            throws SQLException {
        List<String> violations = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        long credited = 0;
        for (ActionRow a : actions.values()) {
            if (a.applicationId() == card.applicationId()) {
                if ("EXECUTED".equals(a.state())) {
                    sequences.add(a.sequence());
                    credited += a.amount();
                } else {
                    violations.add("card " + card.cardId() + ": an action ended " + a.state() + ": " + a);
                }
            }
        }
        sequences.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= sequences.size(); s++) {
            expected.add(s);
        }
        if (!sequences.equals(expected)) {
            violations.add("card " + card.cardId() + ": EXECUTED sequence numbers " + sequences + ", not 1.."
                    + sequences.size() + " once each");
        }
        CardStatus onCard = card.status();
        if (onCard.ca() != sequences.size() || onCard.balance() != ISSUED_BALANCE + credited) {
            violations.add("card " + card.cardId() + " holds CA " + onCard.ca() + ", balance " + onCard.balance()
                    + "; its EXECUTED actions make CA " + sequences.size() + ", balance " + (ISSUED_BALANCE + credited));
        }
        try (PreparedStatement s = db.prepareStatement(
                "select status, confirmed_ca from card_application where id = ?")) {
            s.setLong(1, card.applicationId());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (!"ACTIVE".equals(r.getString(1)) || r.getLong(2) != onCard.ca()) {
                    violations.add("card " + card.cardId() + ": the server has status " + r.getString(1)
                            + ", confirmed CA " + r.getLong(2) + "; the card CA " + onCard.ca());
                }
            }
        }
        return violations;
    }

    private record ActionRow(long applicationId, String state, Long sequence, Long scriptId, String payload) {
        /** A CREDIT's payload is its amount, 4 bytes big-endian (protocol ActionPayload.Credit), as hex. */
        long amount() {
            return Long.parseLong(payload, 16);
        }
    }

    private record ScriptRow(long applicationId, long sessionAtc, String status) {
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection db, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                reader.read(r);
            }
        }
    }
}
