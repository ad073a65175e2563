package org.cardsync.backend.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** REST helpers for tests: the seeded demo users and fresh cards, so tests sharing one database never collide. */
public final class Api {
    private Api() {
    }

    /** The CSRF cookie and header names (docs/api.md "Signing in"). */
    public static final String CSRF_COOKIE = "cardsync-csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /**
     * A request as a seeded demo user (password "&lt;user&gt;-demo") over HTTP Basic, as an API client makes it:
     * with a CSRF token of its own in both the cookie and the header (docs/api.md "Signing in").
     */
    public static RequestSpecification as(String user) {
        return withCsrf(given().auth().preemptive().basic(user, user + "-demo"));
    }

    /** Adds a fresh CSRF token, as cookie and header, to a request. */
    public static RequestSpecification withCsrf(RequestSpecification request) {
        String token = newCsrfToken();
        return request.cookie(CSRF_COOKIE, token).header(CSRF_HEADER, token);
    }

    /** 16 random bytes, base64url without padding: the form Quarkus REST CSRF checks. */
    public static String newCsrfToken() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String randomCardId() {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Issues a fresh card with one application (AID ...4301) owned by {@code owner}; returns the application id. */
    public static long issueCard(String cardId, String owner) {
        issue(cardId, owner);
        return applicationId(cardId, 0);
    }

    /** Issues a fresh card and returns the personalisation file's JSON. */
    public static String issue(String cardId, String owner) {
        return as("admin").contentType(ContentType.JSON).body("""
                {"cardId":"%s","owner":"%s","applications":[
                  {"aid":"f04341524453594e4301","purseLimit":100000,"balance":1000,"pin":"1234","pinTryLimit":3,
                   "parameters":{"0":"0102"}}]}""".formatted(cardId, owner))
                .post("/api/admin/cards").then().statusCode(201).extract().asString();
    }

    /** POSTs an operator act (cancel, retry) on an action, with the JSON body the API requires. */
    public static io.restassured.response.ValidatableResponse act(String user, long applicationId, long actionId, String act) {
        return as(user).contentType(ContentType.JSON).body("{}")
                .post("/api/applications/" + applicationId + "/actions/" + actionId + "/" + act).then();
    }

    public static long applicationId(String cardId, int index) {
        return as("admin").get("/api/cards/" + cardId).then().statusCode(200)
                .extract().jsonPath().getLong("applications[" + index + "].id");
    }
}
