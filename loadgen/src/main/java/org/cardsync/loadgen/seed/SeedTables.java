package org.cardsync.loadgen.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Streams the rows of one {@link SeedPlan} into each table by COPY, in foreign-key order, as the backend would have
 * written them: customers, their cards, card applications as issuance leaves them (confirmed CA 0, the initial chain,
 * the current key version), and for the long histories every session's script, its three CREDITs executed and settled,
 * and the audit trail of each step, with the application's counters where the last session left them.
 */
final class SeedTables {
    /**
     * A bcrypt hash that matches no password (random salt and digest, never computed from one): a seeded customer
     * exists for the console's search, and nobody can sign in as one.
     */
    static final String NO_PASSWORD = "$2a$10$8fdJPo/3xmYIIQtn3Kj4Fezfpsm6hRZURrbP7QSh1mTZx4LMIIXMu";
    static final String ACTOR = "seed";
    static final long PURSE_LIMIT = 100_000;
    private static final Duration AGE = Duration.ofDays(400);

    private final Connection c;
    private final SeedPlan plan;
    private final int keyVersion;
    private final Instant now;
    private final long userIds;
    private final long cardIds;
    private final long applicationIds;
    private final long scriptIds;
    private final long actionIds;
    private final long auditIds;
    private final long alertIds;

    SeedTables(Connection c, SeedPlan plan, int keyVersion, Instant now) throws SQLException {
        this.c = c;
        this.plan = plan;
        this.keyVersion = keyVersion;
        this.now = now;
        userIds = IdBlocks.identity(c, "user_account", plan.cards);
        cardIds = IdBlocks.identity(c, "card", plan.cards);
        applicationIds = IdBlocks.identity(c, "card_application", plan.applications);
        scriptIds = IdBlocks.identity(c, "script", plan.scripts());
        actionIds = IdBlocks.identity(c, "action", plan.actions());
        alertIds = IdBlocks.identity(c, "alert", plan.frozenCount());
        auditIds = IdBlocks.audit(c, plan.auditEvents());
    }

    /** Writes every table; the number of rows written. */
    long writeAll(java.util.function.Consumer<String> progress) throws SQLException {
        BulkLoad load = new BulkLoad(c);
        load.prepare("user_account", plan.cards);
        load.prepare("card", plan.cards);
        load.prepare("card_application", plan.applications);
        load.prepare("script", plan.scripts());
        load.prepare("action", plan.actions());
        load.prepare("audit_event", plan.auditEvents());
        load.prepare("alert", plan.frozenCount());
        long rows = timed("user_account", this::users, progress) + timed("card", this::cards, progress)
                + timed("card_application", this::applications, progress) + timed("script", this::scripts, progress)
                + timed("action", this::actions, progress) + timed("audit_event", this::audit, progress)
                + timed("alert", this::alerts, progress);
        long start = System.nanoTime();
        load.restore();
        progress.accept(String.format(java.util.Locale.ROOT, "  indexes and foreign keys back in %.1f s",
                (System.nanoTime() - start) / 1e9));
        return rows;
    }

    private interface TableCopy {
        long copy() throws SQLException;
    }

    private static long timed(String table, TableCopy copy, java.util.function.Consumer<String> progress)
            throws SQLException {
        long start = System.nanoTime();
        long rows = copy.copy();
        progress.accept(String.format(java.util.Locale.ROOT, "  %-16s %,10d rows in %5.1f s", table, rows,
                (System.nanoTime() - start) / 1e9));
        return rows;
    }

    private Instant issuedAt(int card) {
        return now.minus(AGE).plusSeconds((long) card * AGE.toSeconds() / Math.max(1, plan.cards));
    }

    /** When session s (1-based) of a history took place: spread between issuance and an hour ago. */
    private Instant sessionAt(int application, int s) {
        Instant issued = issuedAt(plan.cardOf[application]);
        long span = Duration.between(issued, now).toSeconds() - 7200;
        return issued.plusSeconds(3600 + span * s / plan.sessions(application));
    }

    private long users() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "user_account",
                "id, username, password_hash, role, display_name, email, disabled, created_at")) {
            for (int card = 0; card < plan.cards; card++) {
                long k = plan.customer(card);
                rows.number(userIds + card).text(Population.username(k)).text(NO_PASSWORD).text("customer")
                        .text(Population.displayName(k)).text(Population.email(k)).bool(false).time(issuedAt(card)).end();
            }
            return rows.finish();
        }
    }

    private long cards() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "card", "id, card_id, owner, activation_failures, created_at")) {
            for (int card = 0; card < plan.cards; card++) {
                long k = plan.customer(card);
                rows.number(cardIds + card).text(Population.cardId(k)).text(Population.username(k)).number(0)
                        .time(issuedAt(card)).end();
            }
            return rows.finish();
        }
    }

    private long applications() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "card_application", "id, card_ref, aid, status, confirmed_ca, last_atc,"
                + " key_version, frozen_reason, last_balance, version, created_at, purse_limit, balance_seen_at,"
                + " last_message_at, signed_ca, signed_atc, confirmed_chain, signed_chain")) {
            for (int j = 0; j < plan.applications; j++) {
                Instant issued = issuedAt(plan.cardOf[j]);
                long balance = 1000 + j % 5000;
                rows.number(applicationIds + j).number(cardIds + plan.cardOf[j]).text(plan.aid(j))
                        .text(plan.frozen(j) ? "FROZEN" : plan.blocked(j) ? "BLOCKED" : "ACTIVE");
                int history = plan.sessions(j);
                if (history > 0) {
                    // where the last session left it: every script settled with all its actions executed
                    long ca = (long) history * SeedPlan.ACTIONS_PER_SESSION;
                    long atc = 2L * history;
                    byte[] chain = SeedChains.at(applicationIds + j, ca);
                    Instant last = sessionAt(j, history);
                    rows.number(ca).number(atc).number(keyVersion).nothing().number(balance + ca)
                            .number(2L * history).time(issued).number(PURSE_LIMIT).time(last).time(last)
                            .number(ca).number(atc).bytes(chain).bytes(chain).end();
                } else if (plan.frozen(j) || plan.blocked(j)) {
                    // one signed REQUEST since issuance: a clone's counter (frozen) or the BLOCKED state it signed
                    Instant last = issued.plusSeconds(86_400);
                    rows.number(0).number(1).number(keyVersion)
                            .text(plan.frozen(j) ? "counter anomaly: CA 7 above the possible 0" : null)
                            .number(balance).number(1).time(issued).number(PURSE_LIMIT).time(last).time(last)
                            .number(plan.frozen(j) ? 7 : 0).number(1).bytes(SeedChains.at(applicationIds + j, 0))
                            .bytes(SeedChains.at(applicationIds + j, plan.frozen(j) ? 7 : 0)).end();
                } else {
                    // issued, not yet seen by the server: as CardIssuance leaves it
                    rows.number(0).number(0).number(keyVersion).nothing().number(balance).number(0).time(issued)
                            .number(PURSE_LIMIT).time(issued).nothing().nothing().nothing()
                            .bytes(SeedChains.at(applicationIds + j, 0)).nothing().end();
                }
            }
            return rows.finish();
        }
    }

    private long scripts() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "script", "id, application_id, base_ca, session_atc, action_count, status,"
                + " issued_at, settled_at, settled_ca, base_chain")) {
            long id = scriptIds;
            for (int j = 0; j < plan.applications; j++) {
                for (int s = 1; s <= plan.sessions(j); s++) {
                    long base = (long) (s - 1) * SeedPlan.ACTIONS_PER_SESSION;
                    Instant at = sessionAt(j, s);
                    rows.number(id++).number(applicationIds + j).number(base).number(2L * s - 1)
                            .number(SeedPlan.ACTIONS_PER_SESSION).text("SETTLED").time(at).time(at.plusSeconds(1))
                            .number(base + SeedPlan.ACTIONS_PER_SESSION).bytes(SeedChains.at(applicationIds + j, base))
                            .end();
                }
            }
            return rows.finish();
        }
    }

    private long actions() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "action", "id, application_id, type, payload, state, position,"
                + " sequence_number, script_id, attempts, merit_failures, reason, cancel_requested, group_id,"
                + " requested_by, created_at, updated_at")) {
            long id = actionIds;
            long script = scriptIds;
            for (int j = 0; j < plan.applications; j++) {
                for (int s = 1; s <= plan.sessions(j); s++, script++) {
                    Instant at = sessionAt(j, s);
                    for (int i = 1; i <= SeedPlan.ACTIONS_PER_SESSION; i++) {
                        long sequence = (long) (s - 1) * SeedPlan.ACTIONS_PER_SESSION + i;
                        // a CREDIT of one unit: payload 00000001, as the portal's top-ups and the benchmark's queue
                        rows.number(id++).number(applicationIds + j).text("CREDIT").text("00000001").text("EXECUTED")
                                .number(sequence).number(sequence).number(script).number(1).number(0).nothing()
                                .bool(false).nothing().text(ACTOR).time(at.minusSeconds(600)).time(at.plusSeconds(1))
                                .end();
                    }
                }
            }
            return rows.finish();
        }
    }

    private long audit() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "audit_event",
                "id, application_id, at, kind, actor, message_type, atc, ca, action_id, detail")) {
            AuditRows audit = new AuditRows(rows, auditIds);
            long script = scriptIds;
            long action = actionIds;
            for (int j = 0; j < plan.applications; j++) {
                long app = applicationIds + j;
                Instant issued = issuedAt(plan.cardOf[j]);
                audit.row(app, issued, "CARD_ISSUED", ACTOR, null, 0, 0, null, "card "
                        + Population.cardId(plan.customer(plan.cardOf[j])) + " application " + plan.aid(j)
                        + " issued with key version " + keyVersion);
                if (plan.frozen(j)) {
                    String reason = "counter anomaly: CA 7 above the possible 0";
                    Instant at = issued.plusSeconds(86_400);
                    audit.row(app, at, "COUNTER_ANOMALY", "terminal", "REQUEST", 1, 7, null, reason);
                    audit.row(app, at, "APPLICATION_FROZEN", "terminal", "REQUEST", 1, 7, null, reason);
                }
                for (int s = 1; s <= plan.sessions(j); s++, script++) {
                    long base = (long) (s - 1) * SeedPlan.ACTIONS_PER_SESSION;
                    long top = base + SeedPlan.ACTIONS_PER_SESSION;
                    Instant at = sessionAt(j, s);
                    for (int i = 0; i < SeedPlan.ACTIONS_PER_SESSION; i++) {
                        audit.row(app, at.minusSeconds(600), "ACTION_QUEUED", ACTOR, null, 0, 0, action + i,
                                "CREDIT 00000001");
                    }
                    audit.row(app, at, "MESSAGE_ACCEPTED", "terminal", "REQUEST", 2L * s - 1, base, null, null);
                    audit.row(app, at, "SCRIPT_ISSUED", "terminal", "REQUEST", 2L * s - 1, base, null, "script " + script
                            + ": 3 actions, s=" + (base + 1) + ".." + top + ", bound to ATC " + (2L * s - 1));
                    Instant ack = at.plusSeconds(1);
                    audit.row(app, ack, "MESSAGE_ACCEPTED", "terminal", "ACK", 2L * s, top, null, null);
                    for (int i = 0; i < SeedPlan.ACTIONS_PER_SESSION; i++) {
                        audit.row(app, ack, "ACTION_EXECUTED", "terminal", "ACK", 2L * s, top, action + i,
                                "s=" + (base + 1 + i));
                    }
                    audit.row(app, ack, "SETTLED", "terminal", "ACK", 2L * s, top, null, "script " + script
                            + " (base CA " + base + ", 3 actions) settled at CA " + top
                            + ": 3 executed, 0 requeued, 0 cancelled, 0 failed");
                    action += SeedPlan.ACTIONS_PER_SESSION;
                }
            }
            return rows.finish();
        }
    }

    private long alerts() throws SQLException {
        try (CopyRows rows = CopyRows.into(c, "alert",
                "id, application_id, at, kind, detail, acknowledged, count, first_seen, last_seen")) {
            long id = alertIds;
            for (int j = 0; j < plan.applications; j++) {
                if (plan.frozen(j)) {
                    Instant at = issuedAt(plan.cardOf[j]).plusSeconds(86_400);
                    rows.number(id++).number(applicationIds + j).time(at).text("COUNTER_ANOMALY")
                            .text("counter anomaly: CA 7 above the possible 0").bool(false).number(1).time(at).time(at)
                            .end();
                }
            }
            return rows.finish();
        }
    }

    /** Audit rows with consecutive ids from the reserved block. */
    private static final class AuditRows {
        private final CopyRows rows;
        private long next;

        AuditRows(CopyRows rows, long first) {
            this.rows = rows;
            this.next = first;
        }

        void row(long app, Instant at, String kind, String actor, String messageType, long atc, long ca, Long actionId,
                 String detail) throws SQLException {
            rows.number(next++).number(app).time(at).text(kind).text(actor).text(messageType);
            if (messageType == null) {
                rows.nothing().nothing();
            } else {
                rows.number(atc).number(ca);
            }
            if (actionId == null) {
                rows.nothing();
            } else {
                rows.number(actionId);
            }
            rows.text(detail).end();
        }
    }
}
