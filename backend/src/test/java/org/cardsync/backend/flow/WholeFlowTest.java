package org.cardsync.backend.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.TestTerminal.accepted;
import static org.cardsync.backend.testsupport.TestTerminal.flipBit;
import static org.cardsync.backend.testsupport.TestTerminal.post;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.cardsync.backend.testsupport.Api;
import org.cardsync.backend.testsupport.TestTerminal;
import org.cardsync.protocol.CardStatus;
import org.cardsync.protocol.LifeCycleState;
import org.cardsync.protocol.TransactionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole-flow scenarios: the real applet on jcardsim, the backend over REST on real PostgreSQL, a terminal
 * that misbehaves. After each scenario the card must equal the server's EXECUTED actions applied in order.
 */
@QuarkusTest
class WholeFlowTest {
    private static final long INITIAL_BALANCE = 1000;
    /** A LOAD_APPLICATION of app 513 with a 200-byte record: three parts on the card. */
    private static final String LOAD_513 = "{\"type\":\"LOAD_APPLICATION\",\"appId\":513,\"record\":\""
            + "5a".repeat(200) + "\"}";

    /**
     * Settles everything with clean sessions, then checks: the card's CA equals the number of EXECUTED actions,
     * their sequence numbers are exactly 1..CA (nothing twice, nothing lost), the balance is the initial one
     * plus the executed credits, and the server's confirmed CA equals the card's.
     */
    static void assertCardEqualsServer(TestTerminal t) {
        for (int i = 0; i < 20 && t.cleanSession() > 0; i++) {
            // keep going until nothing is pending
        }
        CardStatus card = t.state();
        JsonPath d = t.detail();
        List<Map<String, Object>> executed = t.actions("EXECUTED");
        assertThat(executed).hasSize((int) card.ca());
        assertThat(executed.stream().map(a -> ((Number) a.get("sequence")).longValue()).sorted().toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, card.ca()).boxed().toList());
        long credits = executed.stream().filter(a -> "CREDIT".equals(a.get("type")))
                .mapToLong(a -> Long.parseLong((String) a.get("payload"), 16)).sum();
        assertThat(card.balance()).isEqualTo(INITIAL_BALANCE + credits);
        assertThat(d.getLong("confirmedCa")).isEqualTo(card.ca());
        assertThat(d.getList("pending")).isEmpty();
        assertThat(d.getString("inFlight")).isNull();
    }

    @Test
    void figure1_allGoesWell_everyActionExecutedOnce() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(100);
        t.queue("{\"type\":\"WRITE_PARAMETER\",\"slot\":2,\"value\":\"cafe\"}");
        t.queue("{\"type\":\"RESET_PIN_TRIES\"}");
        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).hasSize(3);
        script.forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        JsonPath ack = accepted("ack", t.cardAck());
        assertThat(ack.getList("settlement.executed")).hasSize(3);
        assertThat(t.parameter(2)).isEqualTo("cafe");
        assertThat(t.state().balance()).isEqualTo(1100);
        assertCardEqualsServer(t);
    }

    @Test
    void figure2_scriptLost_isResentInTheNextSessionAndRunsOnce() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(7);
        t.credit(11);
        assertThat(scriptFor(t.cardRequest())).hasSize(2); // dropped on the way to the card
        JsonPath next = accepted("request", t.cardRequest());
        assertThat(next.getList("settlement.requeued")).hasSize(2);
        List<String> again = next.getList("script.commands.apdu", String.class);
        assertThat(again).hasSize(2);
        again.forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        accepted("ack", t.cardAck());
        assertThat(t.state().balance()).isEqualTo(1018);
        assertCardEqualsServer(t);
    }

    @Test
    void figure3_ackLost_nextRequestSettlesWithoutResending() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(5);
        t.credit(6);
        scriptFor(t.cardRequest()).forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        t.cardAck(); // the ACK is lost
        JsonPath next = accepted("request", t.cardRequest());
        assertThat(next.getList("settlement.executed")).hasSize(2);
        assertThat(next.getList("script.commands")).isEmpty();
        assertThat(t.state().balance()).isEqualTo(1011);
        assertCardEqualsServer(t);
    }

    @ParameterizedTest(name = "card pulled after {0} of 4 commands")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void cardPulledMidScript_onlyWhatDidNotRunIsResent(int ranBeforePull) {
        TestTerminal t = TestTerminal.issue("bob");
        for (int i = 1; i <= 4; i++) {
            t.credit(i);
        }
        List<String> script = scriptFor(t.cardRequest());
        for (int i = 0; i < ranBeforePull; i++) {
            assertThat(t.execute(script.get(i))).isEqualTo(0x9000);
        }
        t.pullAndReinsert();
        if (ranBeforePull < 4) {
            assertThat(t.execute(script.get(ranBeforePull))).as("old session's command after removal").isEqualTo(0x6A90);
        }
        JsonPath next = accepted("request", t.cardRequest());
        assertThat(next.getList("settlement.executed")).hasSize(ranBeforePull);
        assertThat(next.getList("script.commands")).hasSize(4 - ranBeforePull);
        assertCardEqualsServer(t);
        assertThat(t.state().balance()).isEqualTo(1010);
    }

    @Test
    void replayedRequest_isRejectedAsStale_auditedAndAlerted() {
        TestTerminal t = TestTerminal.issue("bob");
        String request = t.cardRequest();
        accepted("request", request);
        assertThat(post("request", request).statusCode()).isEqualTo(409);
        assertThat(post("request", request).jsonPath().getString("code")).isEqualTo("STALE_ATC");
        assertThat(t.auditKinds()).contains("MESSAGE_REJECTED");
        assertThat(t.detail().getList("alerts.kind", String.class)).contains("STALE_ATC");
        assertCardEqualsServer(t);
    }

    @Test
    void replayedDuplicatedAndReorderedCommands_areRefusedByTheCardAndNothingRunsTwice() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(1);
        t.credit(2);
        t.credit(3);
        List<String> script = scriptFor(t.cardRequest());
        assertThat(t.execute(script.get(1))).as("reordered").isEqualTo(0x6A92);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        assertThat(t.execute(script.get(0))).as("duplicated").isEqualTo(0x6A91);
        assertThat(t.execute(script.get(1))).isEqualTo(0x9000);
        accepted("ack", t.cardAck());
        List<String> next = scriptFor(t.cardRequest());
        assertThat(next).hasSize(1);
        assertThat(t.execute(script.get(2))).as("old session's command replayed").isEqualTo(0x6A90);
        assertThat(t.execute(next.get(0))).isEqualTo(0x9000);
        accepted("ack", t.cardAck());
        assertThat(t.state().balance()).isEqualTo(1006);
        assertCardEqualsServer(t);
    }

    @Test
    void tamperedCommand_isRefusedAndTheActionIsResentThenRunsOnce() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(40);
        String command = scriptFor(t.cardRequest()).get(0);
        for (int bit : new int[] {40, 8 * 12, 8 * (command.length() / 2) - 1}) {
            assertThat(t.execute(flipBit(command, bit))).as("bit " + bit).isNotEqualTo(0x9000);
        }
        assertThat(t.state().ca()).isZero();
        accepted("info", t.cardInfo());
        assertCardEqualsServer(t);
        assertThat(t.state().balance()).isEqualTo(1040);
    }

    @Test
    void tamperedUpstreamMessage_isRejectedAndChangesNothing() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(9);
        scriptFor(t.cardRequest()).forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        String ack = t.cardAck();
        // byte 32 is inside the body (after version, type, card id, AID, ATC, CA, length): still this card
        assertThat(post("ack", flipBit(ack, 8 * 32)).jsonPath().getString("code")).isEqualTo("BAD_MAC");
        assertThat(t.detail().getLong("confirmedCa")).isZero();
        accepted("ack", ack);
        assertThat(t.detail().getLong("confirmedCa")).isEqualTo(1);
        assertCardEqualsServer(t);
    }

    @Test
    void meritFailure_isRetriedThenFails_andLaterActionsStillRun() {
        TestTerminal t = TestTerminal.issue("bob");
        long overLimit = t.credit(200_000); // purse limit is 100000
        t.credit(3);
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<String> script = scriptFor(t.cardRequest());
            assertThat(t.execute(script.get(0))).isEqualTo(0x9401);
            if (script.size() > 1) {
                assertThat(t.execute(script.get(1))).as("halted after a merit failure").isEqualTo(0x6A93);
            }
            accepted("ack", t.cardAck());
        }
        JsonPath d = t.detail();
        Map<String, Object> failed = d.<Map<String, Object>>getList("recent").stream()
                .filter(a -> ((Number) a.get("id")).longValue() == overLimit).findFirst().orElseThrow();
        assertThat(failed.get("state")).isEqualTo("FAILED");
        assertThat(failed.get("meritFailures")).isEqualTo(3);
        assertThat(d.getList("alerts.kind", String.class)).contains("RETRIES_SPENT");
        assertCardEqualsServer(t);
        assertThat(t.state().balance()).isEqualTo(1003);

        // the helpdesk retries it: back in the pending list, then cancelled while still queued
        Api.act("helpdesk", t.applicationId, overLimit, "retry").statusCode(200);
        assertThat(t.detail().getList("pending.id", Long.class)).containsExactly(overLimit);
        Api.act("helpdesk", t.applicationId, overLimit, "cancel").statusCode(200);
        assertThat(t.auditKinds()).contains("ACTION_RETRIED", "ACTION_CANCELLED");
        assertCardEqualsServer(t);
    }

    @Test
    void counterAnomaly_freezesTheApplication_untilTheHelpdeskUnfreezesIt() {
        // a card that already counts 5 actions the server never issued (PERSONALISE data offset 49: initial CA)
        TestTerminal t = TestTerminal.issue("bob", apdu -> {
            apdu[5 + 49 + 3] = 5;
            return apdu;
        });
        t.credit(1);
        io.restassured.response.Response r = post("request", t.cardRequest());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        JsonPath d = t.detail();
        assertThat(d.getString("status")).isEqualTo("FROZEN");
        assertThat(d.getList("alerts.kind", String.class)).contains("COUNTER_ANOMALY");
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).as("no scripts while frozen")
                .isEqualTo("APPLICATION_FROZEN");
        assertThat(t.detail().getList("pending")).hasSize(1);
        // a purchase the card debited while the application is frozen is still recorded: money is never lost
        assertThat(t.verifyPin("1234")).isEqualTo(0x9000);
        io.restassured.response.Response purchase = post("request", t.cardRequest(TransactionType.PURCHASE, 30, new byte[16]));
        assertThat(purchase.statusCode()).isEqualTo(423);
        assertThat(purchase.jsonPath().getString("message")).contains("with its purchase");
        assertThat(t.auditKinds()).contains("PURCHASE_RECORDED");
        assertThat(t.state().balance()).isEqualTo(970);

        Api.as("helpdesk").contentType(io.restassured.http.ContentType.JSON)
                .body("{\"comment\":\"checked with the customer\"}")
                .post("/api/applications/" + t.applicationId + "/unfreeze").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
        assertThat(t.auditKinds()).contains("COUNTER_ANOMALY", "APPLICATION_FROZEN", "APPLICATION_UNFROZEN");
        // the counter is still impossible, so the next signed message freezes it again: nothing is issued
        assertThat(post("request", t.cardRequest()).jsonPath().getString("code")).isEqualTo("COUNTER_ANOMALY");
        assertThat(t.detail().getString("status")).isEqualTo("FROZEN");
        assertThat(t.detail().getString("inFlight")).isNull();
    }

    @Test
    void cancelInFlight_takesEffectOnlyWhenALaterMessageProvesItDidNotRun() {
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(1);
        long second = t.credit(2);
        List<String> script = scriptFor(t.cardRequest());
        Api.act("helpdesk", t.applicationId, second, "cancel").statusCode(200);
        assertThat(t.detail().getList("inFlight.actions.cancelPending", Boolean.class)).containsExactly(false, true);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        JsonPath next = accepted("request", t.cardRequest());
        assertThat(next.getList("settlement.cancelled", Long.class)).containsExactly(second);
        assertThat(next.getList("script.commands")).isEmpty();
        assertThat(t.execute(script.get(1))).as("the cancelled command can no longer run").isEqualTo(0x6A90);
        assertCardEqualsServer(t);
        assertThat(t.state().balance()).isEqualTo(1001);
    }

    @Test
    void cancelTooLate_theCardRanIt_soItIsExecuted() {
        TestTerminal t = TestTerminal.issue("bob");
        long only = t.credit(4);
        List<String> script = scriptFor(t.cardRequest());
        Api.act("helpdesk", t.applicationId, only, "cancel").statusCode(200);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        JsonPath ack = accepted("ack", t.cardAck());
        assertThat(ack.getList("settlement.executed", Long.class)).containsExactly(only);
        assertCardEqualsServer(t);
    }

    @Test
    void loadApplication_pulledBetweenBlocks_resumesAtTheFirstBlockThatDidNotRun() {
        TestTerminal t = TestTerminal.issue("bob");
        t.queue(LOAD_513);
        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).hasSize(3);
        assertThat(t.execute(script.get(0))).isEqualTo(0x9000);
        t.pullAndReinsert();
        assertCardEqualsServer(t);
        assertThat(t.detail().getList("recent.state", String.class)).containsOnly("EXECUTED");
    }

    @Test
    void loadApplication_whoseFirstBlockFailsForGood_endsTheRequeuedLaterPartsFailed_andNeverResendsThem() {
        TestTerminal t = TestTerminal.issue("bob");
        List<Long> parts = secondLoadOf513(t);
        assertThat(parts).hasSize(3);
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<String> script = scriptFor(t.cardRequest());
            assertThat(script).as("attempt %d sends the whole load", attempt).hasSize(3);
            assertThat(t.execute(script.get(0))).isEqualTo(0x940D);
            assertThat(t.execute(script.get(1))).as("halted after a merit failure").isEqualTo(0x6A93);
            assertThat(t.execute(script.get(2))).as("halted after a merit failure").isEqualTo(0x6A93);
            accepted("ack", t.cardAck());
        }

        Map<Long, Map<String, Object>> failed = t.actions("FAILED").stream()
                .collect(Collectors.toMap(a -> ((Number) a.get("id")).longValue(), a -> a));
        assertThat(failed.keySet()).containsExactlyInAnyOrderElementsOf(parts);
        assertThat(failed.get(parts.get(0)).get("meritFailures")).isEqualTo(3);
        for (long later : parts.subList(1, 3)) {
            assertThat(failed.get(later).get("reason")).isEqualTo("an earlier action of the same load failed");
        }
        assertThat(auditedActions(t, "ACTION_FAILED")).as("one ACTION_FAILED row per part")
                .containsExactlyInAnyOrderElementsOf(parts);
        assertThat(t.cleanSession()).as("no part of the failed load is sent again").isZero();
        assertCardEqualsServer(t);
    }

    /**
     * The CANCELLED half (protocol.md 9.6 for a load): the helpdesk cancels a load whose first two parts are in flight
     * behind six credits and whose activation is still queued. The queued part ends at once, the two in flight only
     * when the card's next message proves they did not run; each part is cancelled exactly once and never sent again.
     */
    @Test
    void loadApplication_cancelledWhileInFlight_endsEveryPartCancelledOnce_whenTheCardProvesTheyDidNotRun() {
        TestTerminal t = TestTerminal.issue("bob");
        for (int i = 1; i <= 6; i++) {
            t.credit(i);
        }
        List<Long> parts = t.queue(LOAD_513);
        assertThat(parts).hasSize(3);
        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).as("six credits and the load's first two parts: a script carries 8").hasSize(8);
        assertThat(t.detail().getList("pending.id", Long.class)).containsExactly(parts.get(2));

        Api.act("helpdesk", t.applicationId, parts.get(0), "cancel").statusCode(200);
        JsonPath d = t.detail();
        assertThat(d.getList("inFlight.actions.cancelPending", Boolean.class))
                .containsExactly(false, false, false, false, false, false, true, true);
        assertThat(d.getList("pending")).as("the queued activation is cancelled at once").isEmpty();

        for (int i = 0; i < 6; i++) {
            assertThat(t.execute(script.get(i))).isEqualTo(0x9000);
        }
        // the terminal drops the load's two commands; the card's next REQUEST proves where its counter stands
        JsonPath next = accepted("request", t.cardRequest());
        assertThat(next.getList("settlement.executed")).hasSize(6);
        assertThat(next.getList("settlement.cancelled", Long.class)).containsExactly(parts.get(0), parts.get(1));
        assertThat(next.getList("script.commands")).as("no part is sent again").isEmpty();
        assertThat(t.execute(script.get(6))).as("the cancelled command can no longer run").isEqualTo(0x6A90);

        assertThat(t.actions("CANCELLED").stream().map(a -> ((Number) a.get("id")).longValue()).toList())
                .containsExactlyInAnyOrderElementsOf(parts);
        assertThat(auditedActions(t, "ACTION_CANCELLED")).as("one ACTION_CANCELLED row per part")
                .containsExactlyInAnyOrderElementsOf(parts);
        assertThat(t.state().applications()).noneMatch(a -> a.appId() == 513);
        assertCardEqualsServer(t);
        assertThat(t.state().balance()).isEqualTo(1021);
    }

    /**
     * The group ending of a cancel: a later part of a load that the helpdesk retried while a cancel of an earlier part
     * was pending can never apply; when the card proves the earlier part did not run, it ends CANCELLED with it, with
     * the reason, instead of being sent.
     */
    @Test
    void loadApplication_laterPartRetriedWhileAnEarlierPartsCancelIsPending_endsCancelledWithIt() {
        TestTerminal t = TestTerminal.issue("bob");
        List<Long> parts = secondLoadOf513(t);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(t.execute(scriptFor(t.cardRequest()).get(0))).isEqualTo(0x940D);
            accepted("ack", t.cardAck());
        }
        assertThat(t.actions("FAILED")).hasSize(3);

        Api.act("helpdesk", t.applicationId, parts.get(0), "retry").statusCode(200);
        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).as("the retried first part alone").hasSize(1);
        Api.act("helpdesk", t.applicationId, parts.get(0), "cancel").statusCode(200);
        Api.act("helpdesk", t.applicationId, parts.get(1), "retry").statusCode(200);
        assertThat(t.detail().getList("pending.id", Long.class)).containsExactly(parts.get(1));

        JsonPath next = accepted("request", t.cardRequest());
        assertThat(next.getList("settlement.cancelled", Long.class)).containsExactly(parts.get(0), parts.get(1));
        assertThat(next.getList("script.commands")).as("the retried later part is not sent").isEmpty();
        Map<String, Object> later = t.actions("CANCELLED").stream()
                .filter(a -> ((Number) a.get("id")).longValue() == parts.get(1)).findFirst().orElseThrow();
        assertThat(later.get("reason")).isEqualTo("an earlier action of the same load was cancelled");
        assertThat(auditedActions(t, "ACTION_CANCELLED")).as("one ACTION_CANCELLED row each")
                .containsExactlyInAnyOrder(parts.get(0), parts.get(1));
        assertThat(t.execute(script.get(0))).as("the cancelled command can no longer run").isEqualTo(0x6A90);
        assertCardEqualsServer(t);
    }

    /** The actions named by the application's audit rows of {@code kind} (at most 100 rows), one entry per row. */
    /**
     * Loads app 513 onto the card in a clean session, then queues the same load again: the card now holds app 513
     * ACTIVE, so the second load's block 0 fails on its merits (protocol.md 6.2, 0D) until its retries are spent.
     */
    private static List<Long> secondLoadOf513(TestTerminal t) {
        t.queue(LOAD_513);
        assertThat(t.cleanSession()).isEqualTo(3);
        return t.queue(LOAD_513);
    }

    private static List<Long> auditedActions(TestTerminal t, String kind) {
        return Api.as("helpdesk").queryParam("size", 100)
                .get("/api/applications/" + t.applicationId + "/audit").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(e -> kind.equals(e.get("kind")))
                .map(e -> ((Number) e.get("actionId")).longValue()).toList();
    }

    @Test
    void blockThenUnblock_aBlockedCardRunsOnlyTheUnblockFirst() {
        TestTerminal t = TestTerminal.issue("bob");
        t.queue("{\"type\":\"BLOCK\"}");
        t.credit(8);
        assertThat(t.cleanSession()).as("a script ends at its BLOCK: what follows would be refused").isEqualTo(1);
        assertThat(t.state().state()).isEqualTo(LifeCycleState.BLOCKED);
        assertThat(t.detail().getList("pending.meritFailures", Integer.class)).containsExactly(0);
        assertThat(scriptFor(t.cardRequest())).as("nothing but UNBLOCK is sent to a blocked card").isEmpty();
        t.queue("{\"type\":\"UNBLOCK\"}");
        List<String> script = scriptFor(t.cardRequest());
        assertThat(script).hasSize(2);
        script.forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        accepted("ack", t.cardAck());
        assertThat(t.state().state()).isEqualTo(LifeCycleState.ACTIVE);
        assertCardEqualsServer(t);
    }

    @Test
    void requestTakingTheLastAtc_getsNoScript_andTheHelpdeskIsTold() {
        // a card personalised at ATC FFFFFFFE (PERSONALISE data offset 53): its next REQUEST signs the last ATC
        TestTerminal t = TestTerminal.issue("bob", apdu -> {
            for (int i = 0; i < 4; i++) {
                apdu[5 + 53 + i] = (byte) 0xFF;
            }
            apdu[5 + 53 + 3] = (byte) 0xFE;
            return apdu;
        });
        long credit = t.credit(5);
        JsonPath answer = accepted("request", t.cardRequest());
        assertThat(answer.getLong("atc")).isEqualTo(0xFFFFFFFFL);
        assertThat(answer.getList("script.commands")).isEmpty();
        JsonPath d = t.detail();
        assertThat(d.getList("alerts.kind", String.class)).contains("COUNTER_SATURATED");
        assertThat(d.getList("pending.id", Long.class)).containsExactly(credit);
    }

    @Test
    void longPendingList_isDeliveredInSeveralScripts_andSaysWhenMoreIsPending() {
        TestTerminal t = TestTerminal.issue("bob");
        for (int i = 0; i < 10; i++) {
            t.credit(1);
        }
        JsonPath first = accepted("request", t.cardRequest());
        assertThat(first.getList("script.commands")).hasSize(8);
        assertThat(first.getBoolean("script.morePending")).isTrue();
        first.getList("script.commands.apdu", String.class).forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        accepted("ack", t.cardAck());
        JsonPath second = accepted("request", t.cardRequest());
        assertThat(second.getList("script.commands")).hasSize(2);
        assertThat(second.getBoolean("script.morePending")).isFalse();
        second.getList("script.commands.apdu", String.class).forEach(c -> assertThat(t.execute(c)).isEqualTo(0x9000));
        accepted("ack", t.cardAck());
        assertCardEqualsServer(t);
        assertThat(t.state().balance()).isEqualTo(1010);
    }

    @Test
    void authenticate_approvesAFreshChallengeOnce() {
        TestTerminal t = TestTerminal.issue("bob");
        String challenge = io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body("{}").post("/api/terminal/challenge").then().statusCode(200)
                .extract().path("challenge");
        byte[] c = org.cardsync.protocol.Hex.decode(challenge);
        JsonPath first = accepted("request", t.cardRequest(TransactionType.AUTHENTICATE, 0, c));
        assertThat(first.getBoolean("transaction.approved")).isTrue();
        JsonPath again = accepted("request", t.cardRequest(TransactionType.AUTHENTICATE, 0, c));
        assertThat(again.getBoolean("transaction.approved")).as("a challenge is single-use").isFalse();
        JsonPath unknown = accepted("request", t.cardRequest(TransactionType.AUTHENTICATE, 0, new byte[16]));
        assertThat(unknown.getBoolean("transaction.approved")).isFalse();
        assertThat(t.auditKinds()).contains("CARD_AUTHENTICATED");
    }

    /** Many sessions with random faults (seeded, so a failure replays): the invariants hold at the end. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomFaults_neverLoseOrDuplicateAnAction(long seed) {
        Random random = new Random(seed);
        TestTerminal t = TestTerminal.issue("bob");
        for (int session = 0; session < 12; session++) {
            for (int i = random.nextInt(3); i > 0; i--) {
                t.credit(1 + random.nextInt(50));
            }
            String request = t.cardRequest();
            if (random.nextInt(6) == 0) {
                continue; // REQUEST lost
            }
            List<String> script = scriptFor(request);
            boolean sessionOpen = true;
            if (random.nextInt(5) == 0 && !script.isEmpty()) {
                post("request", request); // replayed REQUEST: stale
            }
            for (String c : script) {
                int fault = random.nextInt(10);
                if (fault == 0) {
                    break; // the rest of the script is lost
                } else if (fault == 1) {
                    // tamper with the command data (after the 5-byte header; a broken Lc is refused by the reader)
                    t.execute(flipBit(c, 40 + random.nextInt(c.length() * 4 - 40)));
                } else if (fault == 2) {
                    t.pullAndReinsert();
                    sessionOpen = false;
                } else {
                    t.execute(c);
                    if (fault == 3) {
                        t.execute(c); // duplicated
                    }
                }
            }
            int end = random.nextInt(4);
            if (end == 0) {
                // an ACK needs the session; after a removal the card can only send an INFO
                accepted(sessionOpen ? "ack" : "info", sessionOpen ? t.cardAck() : t.cardInfo());
            } else if (end == 1) {
                post("info", flipBit(t.cardInfo(), 8 * 30)); // tampered: rejected
            } else if (end == 2) {
                if (sessionOpen) {
                    t.cardAck(); // lost
                }
            } else {
                t.pullAndReinsert();
            }
        }
        assertCardEqualsServer(t);
        assertThat(t.auditKinds().stream().collect(Collectors.toSet())).contains("MESSAGE_ACCEPTED", "SETTLED");
    }
}
