package org.cardsync.backend.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.post;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cardsync.backend.testsupport.TestTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 part 4, in one backend: the server's record becomes older than the card (as after a database restored from
 * a backup taken before a session), a replayed REQUEST gets a second script for the same session, and the card's
 * signed report, which binds the commands it ran (its action chain), must freeze the application instead of letting
 * the server record the second script's actions as executed. f-procs does the same with a real backup and restore
 * across backend processes.
 */
@QuarkusTest
class RestoredRecordTest {
    private static final long INITIAL_BALANCE = 1000;
    /** Scenarios that ended as they must, and how many of them froze on a report mismatch: the RELIABILITY line. */
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FROZEN_ON_MISMATCH = new AtomicInteger();
    private static final int SCENARIOS = 2;

    @Inject
    EntityManager entities;

    /** The application's rows as a backup holds them: its card_application row, its scripts and its actions. */
    private void backup(long appId) {
        sql("create table bk_app_" + appId + " as select * from card_application where id = :app", appId);
        sql("create table bk_script_" + appId + " as select * from script where application_id = :app", appId);
        sql("create table bk_action_" + appId + " as select * from action where application_id = :app", appId);
    }

    /**
     * Puts the application's rows back as the backup holds them, as a restore would: what happened since (the REQUEST
     * it admitted, the script it issued, the actions queued or cancelled) is gone from the server, not from the card.
     */
    private void restore(long appId) {
        String app = "bk_app_" + appId;
        String scripts = "bk_script_" + appId;
        String actions = "bk_action_" + appId;
        String appColumns = "status, confirmed_ca, confirmed_chain, last_atc, frozen_reason, last_balance,"
                + " balance_seen_at, block_action_id, last_message_at, signed_ca, signed_atc, signed_chain, version";
        String actionColumns = "state, position, sequence_number, script_id, attempts, merit_failures, reason,"
                + " cancel_requested, updated_at";
        QuarkusTransaction.requiringNew().run(() -> {
            exec("update card_application a set (" + appColumns + ") = (select " + appColumns + " from " + app
                    + " b where b.id = a.id) where a.id = :app", appId);
            exec("delete from action where application_id = :app and id not in (select id from " + actions + ")",
                    appId);
            exec("update action a set (" + actionColumns + ") = (select " + actionColumns + " from " + actions
                    + " b where b.id = a.id) where a.application_id = :app", appId);
            exec("delete from script where application_id = :app and id not in (select id from " + scripts + ")",
                    appId);
            exec("update script s set (status, settled_at, settled_ca) = (select status, settled_at, settled_ca from "
                    + scripts + " b where b.id = s.id) where s.application_id = :app", appId);
            for (String table : List.of(app, scripts, actions)) {
                entities.createNativeQuery("drop table " + table).executeUpdate();
            }
        });
    }

    private void sql(String statement, long appId) {
        QuarkusTransaction.requiringNew().run(() -> exec(statement, appId));
    }

    private void exec(String statement, long appId) {
        var query = entities.createNativeQuery(statement);
        if (statement.contains(":app")) {
            query.setParameter("app", appId);
        }
        query.executeUpdate();
    }

    private static void cancel(TestTerminal t, long actionId) {
        as("helpdesk").contentType(ContentType.JSON).body("{}")
                .post("/api/applications/" + t.applicationId + "/actions/" + actionId + "/cancel").then().statusCode(200);
    }

    private static List<Map<String, Object>> openAlerts(TestTerminal t) {
        return as("helpdesk").queryParam("q", t.cardId).get("/api/alerts").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    /** The summary line the lead collects from a CI log (docs/reliability.md section 4). */
    @AfterAll
    static void summary() {
        System.out.println("RELIABILITY chain restoredRecordScenarios=" + PASSED.get() + " frozenOnReportMismatch="
                + FROZEN_ON_MISMATCH.get() + " violations=" + (SCENARIOS - PASSED.get()));
    }

    @Test
    void aReplayedRequestAnsweredFromAnOlderRecord_getsASecondScript_andTheCardsAckFreezesInsteadOfMisrecording() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(1);
        assertThat(t.cleanSession()).as("a first session, so that the card's chain and CA are not the initial ones")
                .isEqualTo(1);
        long credit7 = t.credit(7);
        backup(t.applicationId);
        // after the backup: the helpdesk replaces the top-up, and session X runs the new one on the card
        cancel(t, credit7);
        long credit5 = t.credit(5);
        String requestX = t.cardRequest();
        List<String> first = scriptFor(requestX);
        assertThat(first).hasSize(1);
        assertThat(t.execute(first.get(0))).isEqualTo(0x9000);
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 1 + 5);

        // the database is restored from the backup: the server knows nothing of session X, and CREDIT 7 is queued
        restore(t.applicationId);
        assertThat(t.actionStates()).as("the restored record has no CREDIT 5").noneMatch(a -> a.startsWith(credit5 + " "));
        List<String> second = scriptFor(requestX);
        assertThat(second).as("the replayed REQUEST X is fresh to the restored record: a second script for X")
                .hasSize(1).doesNotContain(first.get(0));
        assertThat(t.detail().getList("inFlight.actions.id", Long.class)).containsExactly(credit7);

        // the card's ACK reports one action run in session X from CA 1: the count fits the second script, the chain
        // does not (the card ran CREDIT 5, the record says CREDIT 7)
        Response ack = post("ack", t.cardAck());
        assertThat(ack.statusCode()).as(ack.asString()).isEqualTo(409);
        assertThat(ack.jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        assertThat(ack.jsonPath().getString("message")).contains("does not match what the server issued");
        JsonPath frozen = t.detail();
        assertThat(frozen.getString("status")).isEqualTo("FROZEN");
        assertThat(frozen.getString("frozen.reason")).contains("restored from a backup");
        assertThat(t.actions("EXECUTED")).as("nothing of the second script is recorded as run").singleElement()
                .satisfies(a -> assertThat(a).containsEntry("sequence", 1));
        assertThat(t.actions("IN_FLIGHT")).extracting(a -> ((Number) a.get("id")).longValue())
                .as("nor requeued: it stays in flight for the helpdesk").containsExactly(credit7);
        assertThat(t.actions("QUEUED")).isEmpty();
        assertThat(openAlerts(t)).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("kind", "REPORT_MISMATCH");
            assertThat((String) a.get("detail")).contains("the card's signed report does not match")
                    .contains("at CA 2 (1 of the 1 actions issued from CA 1");
        });
        assertThat(t.auditKinds()).containsSubsequence("COUNTER_ANOMALY", "APPLICATION_FROZEN");
        FROZEN_ON_MISMATCH.incrementAndGet();

        // the helpdesk resyncs to what the card signed; the next session settles cleanly from the card's own chain
        JsonPath resynced = as("helpdesk").contentType(ContentType.JSON).body("{\"comment\":\"restored backup\"}")
                .post("/api/applications/" + t.applicationId + "/resync").then().statusCode(200).extract().jsonPath();
        assertThat(resynced.getString("status")).isEqualTo("ACTIVE");
        assertThat(resynced.getLong("confirmedCa")).isEqualTo(t.state().ca());
        assertThat(t.actions("FAILED")).extracting(a -> ((Number) a.get("id")).longValue()).containsExactly(credit7);
        long credit2 = t.credit(2);
        assertThat(t.cleanSession()).isEqualTo(1);
        assertThat(t.detail().getString("status")).isEqualTo("ACTIVE");
        assertThat(t.detail().getLong("confirmedCa")).isEqualTo(t.state().ca()).isEqualTo(3);
        assertThat(t.actions("EXECUTED")).extracting(a -> ((Number) a.get("id")).longValue(),
                a -> ((Number) a.get("sequence")).longValue()).as("the first session's credit, then CREDIT 2")
                .contains(tuple(credit2, 3L)).hasSize(2);
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 1 + 5 + 2);
        assertThat(t.cleanSession()).as("and nothing is left to send").isZero();
        PASSED.incrementAndGet();
    }

    @Test
    void aReplayedRequestAnsweredFromAnOlderRecord_withTheSameScript_settlesWhatTheCardRan() {
        TestTerminal t = TestTerminal.issue("bob");
        long credit = t.credit(9);
        backup(t.applicationId);
        String request = t.cardRequest();
        List<String> first = scriptFor(request);
        assertThat(t.execute(first.get(0))).isEqualTo(0x9000);

        restore(t.applicationId);
        // the same pending list, the same session, the same base: the same command, so the same chain
        assertThat(scriptFor(request)).containsExactly(first.get(0));
        JsonPath ack = accepted("ack", t.cardAck());
        assertThat(ack.getList("settlement.executed", Long.class)).containsExactly(credit);
        assertThat(t.detail().getString("status")).isEqualTo("ACTIVE");
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 9);
        WholeFlowTest.assertCardEqualsServer(t);
        PASSED.incrementAndGet();
    }
}
