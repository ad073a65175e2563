package org.cardsync.backend.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.post;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cardsync.backend.testsupport.RestoredRows;
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
        RestoredRows backup = RestoredRows.backup(entities, t.applicationId);
        // after the backup: the helpdesk replaces the top-up, and session X runs the new one on the card
        cancel(t, credit7);
        long credit5 = t.credit(5);
        String requestX = t.cardRequest();
        List<String> first = scriptFor(requestX);
        assertThat(first).hasSize(1);
        assertThat(t.execute(first.get(0))).isEqualTo(0x9000);
        assertThat(t.state().balance()).isEqualTo(INITIAL_BALANCE + 1 + 5);

        // the database is restored from the backup: the server knows nothing of session X, and CREDIT 7 is queued
        backup.restore();
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
        RestoredRows backup = RestoredRows.backup(entities, t.applicationId);
        String request = t.cardRequest();
        List<String> first = scriptFor(request);
        assertThat(t.execute(first.get(0))).isEqualTo(0x9000);

        backup.restore();
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
