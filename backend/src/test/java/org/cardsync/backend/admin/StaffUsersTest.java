package org.cardsync.backend.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.withCsrf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Staff accounts managed by an admin (docs/api.md "Staff users"). */
@QuarkusTest
class StaffUsersTest {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";

    /** Each test signs in from its own address, so the sign-in throttle of one does not reach another. */
    private static String newClient() {
        return "203.0.113." + CLIENTS.incrementAndGet();
    }

    private static String newName() {
        return "agent." + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    private static ValidatableResponse post(String user, String path, String json) {
        return as(user).contentType(ContentType.JSON).body(json).post(path).then();
    }

    private static ValidatableResponse create(String username, String role) {
        return post("admin", "/api/admin/users", """
                {"username":"%s","displayName":"Agent %s","email":"%s@issuer.example","role":"%s","password":"%s"}"""
                .formatted(username, username, username, role, PASSWORD));
    }

    private static Response signIn(String username, String password, String client) {
        return withCsrf(given()).header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}").post("/api/session");
    }

    private static ValidatableResponse basic(String username, String password, String client) {
        return given().auth().preemptive().basic(username, password).header("X-Forwarded-For", client)
                .get("/api/cards").then();
    }

    @Test
    void anAdminCreatesAHelpdeskUser_whoCanWorkAtOnce() {
        String name = newName();
        create(name, "helpdesk").statusCode(201).body("username", equalTo(name))
                .body("displayName", equalTo("Agent " + name)).body("role", equalTo("helpdesk"))
                .body("disabled", equalTo(false)).body("createdAt", not(equalTo(null)))
                .body("$", not(org.hamcrest.Matchers.hasKey("password")));
        basic(name, PASSWORD, newClient()).statusCode(200);
        signIn(name, PASSWORD, newClient()).then().statusCode(200).body("role", equalTo("helpdesk"))
                .body("displayName", equalTo("Agent " + name));
        List<Map<String, Object>> users = as("admin").queryParam("size", 100).get("/api/admin/users").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertThat(users).extracting(u -> u.get("username")).contains("admin", "helpdesk").doesNotContain("alice", "bob");
        as("admin").get("/api/admin/users").then().body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }

    @Test
    void creation_refusesTakenNamesBadNamesShortPasswordsAndUnknownRoles() {
        create("alice", "helpdesk").statusCode(409).body("code", equalTo("CONFLICT"));
        create("admin", "admin").statusCode(409).body("code", equalTo("CONFLICT"));
        create("Upper.Case", "helpdesk").statusCode(400).body("code", equalTo("INVALID_REQUEST"));
        create("x", "helpdesk").statusCode(400);
        create(newName(), "customer").statusCode(400).body("message", containsString("helpdesk or admin"));
        post("admin", "/api/admin/users", """
                {"username":"%s","displayName":"Short","role":"helpdesk","password":"eleven-char"}""".formatted(newName()))
                .statusCode(400).body("message", containsString("12"));
    }

    @Test
    void disabling_endsTheSessionsAtOnce_andRefusesSignInAndBasic_untilEnabled() {
        String name = newName();
        create(name, "helpdesk").statusCode(201);
        String session = signIn(name, PASSWORD, newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        given().cookie("cardsync-session", session).get("/api/cards").then().statusCode(200);
        basic(name, PASSWORD, newClient()).statusCode(200);

        post("admin", "/api/admin/users/" + name + "/disable", "{\"comment\":\"left the company\"}").statusCode(200)
                .body("disabled", equalTo(true));
        given().cookie("cardsync-session", session).get("/api/cards").then().statusCode(401)
                .body("code", equalTo("NOT_SIGNED_IN"));
        signIn(name, PASSWORD, newClient()).then().statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));
        basic(name, PASSWORD, newClient()).statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));

        post("admin", "/api/admin/users/" + name + "/enable", "{}").statusCode(200).body("disabled", equalTo(false));
        basic(name, PASSWORD, newClient()).statusCode(200);
        // an ended session stays ended: enabling the account does not bring it back
        given().cookie("cardsync-session", session).get("/api/cards").then().statusCode(401);
    }

    @Test
    void aNewPassword_endsTheSessions_andTheOldPasswordStopsWorking() {
        String name = newName();
        create(name, "admin").statusCode(201);
        String session = signIn(name, PASSWORD, newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        basic(name, PASSWORD, newClient()).statusCode(200);
        post("admin", "/api/admin/users/" + name + "/password", "{\"password\":\"a brand new passphrase\"}")
                .statusCode(200).body("username", equalTo(name));
        given().cookie("cardsync-session", session).get("/api/cards").then().statusCode(401);
        basic(name, PASSWORD, newClient()).statusCode(401);
        basic(name, "a brand new passphrase", newClient()).statusCode(200);
        post("admin", "/api/admin/users/" + name + "/password", "{\"password\":\"short\"}").statusCode(400);
    }

    @Test
    void anAdminCannotDisableThemself_andCustomersAreNotStaffAccounts() {
        post("admin", "/api/admin/users/admin/disable", "{}").statusCode(409).body("code", equalTo("INVALID_STATE"));
        post("admin", "/api/admin/users/alice/disable", "{}").statusCode(404).body("code", equalTo("NOT_FOUND"));
        post("admin", "/api/admin/users/alice/password", "{\"password\":\"a brand new passphrase\"}").statusCode(404);
        as("alice").get("/api/portal/cards").then().statusCode(200);
    }

    @Test
    void everyChange_isAuditedWithTheAdmin_neverWithThePassword() {
        String name = newName();
        create(name, "helpdesk").statusCode(201);
        post("admin", "/api/admin/users/" + name + "/disable", "{\"comment\":\"on leave\"}").statusCode(200);
        post("admin", "/api/admin/users/" + name + "/enable", "{}").statusCode(200);
        post("admin", "/api/admin/users/" + name + "/password", "{\"password\":\"another long passphrase\"}")
                .statusCode(200);
        List<Map<String, Object>> events = userEvents(name);
        assertThat(events).extracting(e -> e.get("kind"))
                .containsExactly("USER_CREATED", "USER_DISABLED", "USER_ENABLED", "PASSWORD_RESET");
        assertThat(events).allSatisfy(e -> assertThat(e).containsEntry("actor", "admin"));
        assertThat(events.get(1)).containsEntry("comment", "on leave");
        assertThat(events.toString()).doesNotContain(PASSWORD).doesNotContain("another long passphrase");
        as("admin").get("/api/admin/users").then().body("items.username", hasItem("admin"));
    }

    /** The audit events about a user (they belong to no application, so they are read from the database). */
    static List<Map<String, Object>> userEvents(String username) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get()
                    .createNativeQuery("select kind, actor, detail, comment from audit_event where application_id is null"
                            + " and detail like :name order by at, id").setParameter("name", username + "%").getResultList();
            return rows.stream().map(r -> {
                Object[] row = (Object[]) r;
                Map<String, Object> event = new java.util.HashMap<>();
                event.put("kind", row[0]);
                event.put("actor", row[1]);
                event.put("detail", row[2]);
                event.put("comment", row[3]);
                return event;
            }).toList();
        });
    }
}
