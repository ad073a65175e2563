package org.cardsync.backend.helpdesk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.TestTerminal.scriptFor;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cardsync.backend.testsupport.TestTerminal;
import org.junit.jupiter.api.Test;

/** GET /api/dashboard: the counts now and the hourly activity from the audit trail. */
@QuarkusTest
class DashboardTest {
    private static JsonPath dashboard() {
        return as("helpdesk").get("/api/dashboard").then().statusCode(200).extract().jsonPath();
    }

    /** The current hour's figures: executed, resends, refusals. */
    private static List<Long> currentHour(JsonPath d) {
        String last = "activity.buckets[" + (d.getList("activity.buckets").size() - 1) + "]";
        return List.of(d.getLong(last + ".executed"), d.getLong(last + ".resends"), d.getLong(last + ".refusals"));
    }

    @Test
    void everyHourIsABucket_oldestFirst_endingWithTheCurrentHour() {
        JsonPath d = dashboard();
        List<String> starts = d.getList("activity.buckets.start", String.class);
        assertThat(starts).hasSize(24);
        assertThat(d.getInt("activity.bucketMinutes")).isEqualTo(60);
        Instant from = Instant.parse(d.getString("activity.from"));
        for (int i = 0; i < starts.size(); i++) {
            assertThat(Instant.parse(starts.get(i))).isEqualTo(from.plus(Duration.ofHours(i)));
        }
        Instant lastStart = Instant.parse(starts.get(23));
        Instant now = Instant.now();
        assertThat(lastStart).isBeforeOrEqualTo(now).isAfter(now.minus(Duration.ofHours(1)));
        assertThat(Instant.parse(d.getString("activity.to"))).isEqualTo(lastStart.plus(Duration.ofHours(1)));
        as("helpdesk").queryParam("hours", 168).get("/api/dashboard").then().statusCode(200)
                .body("activity.buckets.size()", equalTo(168));
        for (String bad : new String[] {"0", "169", "day"}) {
            as("helpdesk").queryParam("hours", bad).get("/api/dashboard").then().statusCode(400)
                    .body("code", equalTo("INVALID_REQUEST"));
        }
    }

    @Test
    void executedResendsAndRefusals_andTheCounts_followWhatHappens() {
        JsonPath before = dashboard();
        TestTerminal t = TestTerminal.issue("bob");
        t.credit(10);
        t.credit(20);
        // a session whose script the card never ran: both actions are resent (requeued) by the next message
        assertThat(scriptFor(t.cardRequest())).hasSize(2);
        JsonPath inFlight = dashboard();
        assertThat(inFlight.getLong("counts.inFlight")).isGreaterThanOrEqualTo(2);
        t.pullAndReinsert();
        assertThat(t.cleanSession()).isEqualTo(2);
        // a forged message naming the card
        given().contentType(ContentType.JSON).body("{\"message\":\"" + TestTerminal.flipBit(t.cardRequest(), 200) + "\"}")
                .post("/api/terminal/request").then().statusCode(403);

        JsonPath after = dashboard();
        List<Long> was = currentHour(before);
        List<Long> is = currentHour(after);
        // other tests share the database, so at least what this one did (the hour may also have turned)
        if (after.getString("activity.from").equals(before.getString("activity.from"))) {
            assertThat(is.get(0) - was.get(0)).as("executed").isGreaterThanOrEqualTo(2);
            assertThat(is.get(1) - was.get(1)).as("resends").isGreaterThanOrEqualTo(2);
            assertThat(is.get(2) - was.get(2)).as("refusals").isGreaterThanOrEqualTo(1);
        } else {
            assertThat(is).allSatisfy(n -> assertThat(n).isPositive());
        }
        assertThat(after.getLong("counts.openAlerts")).isGreaterThanOrEqualTo(1);
    }
}
