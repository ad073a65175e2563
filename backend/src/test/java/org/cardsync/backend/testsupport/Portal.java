package org.cardsync.backend.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;

/** The portal API as a customer's page uses it (JSON bodies on every POST). */
public final class Portal {
    private Portal() {
    }

    public static ValidatableResponse post(String user, String path, String json) {
        return Api.as(user).contentType(ContentType.JSON).body(json).post(path).then();
    }

    /** The customer's view of one of their applications, from GET /api/portal/cards. */
    public static Map<String, Object> application(String user, long applicationId) {
        List<Map<String, Object>> apps = Api.as(user).get("/api/portal/cards").then().statusCode(200).extract()
                .jsonPath().getList("applications.flatten()");
        return apps.stream().filter(a -> ((Number) a.get("id")).longValue() == applicationId).findFirst()
                .orElseThrow(() -> new AssertionError(user + " does not see application " + applicationId));
    }

    public static ValidatableResponse topUp(String user, long applicationId, long amount) {
        return post(user, "/api/portal/applications/" + applicationId + "/top-ups", "{\"amount\":" + amount + "}");
    }

    public static ValidatableResponse complete(String user, long paymentId, String outcome) {
        return post(user, "/api/demo-payments/" + paymentId, "{\"outcome\":\"" + outcome + "\"}");
    }

    /** Starts a top-up and pays it; returns the change (CREDIT action) id. */
    public static long paidTopUp(String user, long applicationId, long amount) {
        long paymentId = topUp(user, applicationId, amount).statusCode(201).extract().jsonPath().getLong("paymentId");
        JsonPath paid = complete(user, paymentId, "PAID").statusCode(200).extract().jsonPath();
        assertThat(paid.getString("state")).isEqualTo("PAID");
        return paid.getLong("changeId");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> changes(String user, long applicationId) {
        return (List<Map<String, Object>>) application(user, applicationId).get("changes");
    }
}
