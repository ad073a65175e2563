package org.cardsync.backend.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.CSRF_COOKIE;
import static org.cardsync.backend.testsupport.Api.CSRF_HEADER;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Api.issueCard;
import static org.cardsync.backend.testsupport.Api.newCsrfToken;
import static org.cardsync.backend.testsupport.Api.randomCardId;
import static org.cardsync.backend.testsupport.Api.withCsrf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The attack of issue 9: a page on another origin (another port of the same site included, which SameSite=Strict
 * does not separate) makes the signed-in browser send a state-changing request. It cannot read the CSRF cookie,
 * so it cannot send the header.
 */
@QuarkusTest
class CsrfTest {
    private static final String CREDIT = "{\"type\":\"CREDIT\",\"amount\":424242}";

    private static String signIn(String user) {
        return withCsrf(given()).contentType(ContentType.JSON)
                .body("{\"username\":\"" + user + "\",\"password\":\"" + user + "-demo\"}")
                .post("/api/session").then().statusCode(200).extract().cookie("cardsync-session");
    }

    @Test
    void crossOriginPost_withTheHelpdeskSession_butNoToken_isRefused_andQueuesNothing() {
        long app = issueCard(randomCardId(), "alice");
        String session = signIn("helpdesk");
        String browserCsrf = newCsrfToken();

        // the browser sends both cookies along; the foreign page cannot read cardsync-csrf to set the header
        given().cookie("cardsync-session", session).cookie(CSRF_COOKIE, browserCsrf)
                .header("Origin", "http://localhost:1").contentType(ContentType.JSON).body(CREDIT)
                .post("/api/applications/" + app + "/actions")
                .then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));

        as("admin").get("/api/applications/" + app).then().statusCode(200).body("pending", empty());
    }

    @Test
    void post_withTheSessionAndTheRightToken_isAccepted() {
        long app = issueCard(randomCardId(), "alice");
        String session = signIn("helpdesk");
        String token = newCsrfToken();
        given().cookie("cardsync-session", session).cookie(CSRF_COOKIE, token).header(CSRF_HEADER, token)
                .contentType(ContentType.JSON).body(CREDIT)
                .post("/api/applications/" + app + "/actions").then().statusCode(201);
    }

    @Test
    void wrongToken_isRefused() {
        long app = issueCard(randomCardId(), "alice");
        String session = signIn("helpdesk");
        given().cookie("cardsync-session", session).cookie(CSRF_COOKIE, newCsrfToken()).header(CSRF_HEADER, newCsrfToken())
                .contentType(ContentType.JSON).body(CREDIT)
                .post("/api/applications/" + app + "/actions")
                .then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        as("admin").get("/api/applications/" + app).then().body("pending", empty());
    }

    @Test
    void headerWithoutTheCookie_isRefused() {
        String session = signIn("alice");
        given().cookie("cardsync-session", session).header(CSRF_HEADER, newCsrfToken())
                .contentType(ContentType.JSON).body("{}").post("/api/session/sign-out")
                .then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        given().cookie("cardsync-session", session).get("/api/session").then().statusCode(200);
    }

    @Test
    void customerSignOut_withoutToken_isRefused_andTheSessionLives() {
        String session = signIn("alice");
        given().cookie("cardsync-session", session).cookie(CSRF_COOKIE, newCsrfToken())
                .contentType(ContentType.JSON).body("{}").post("/api/session/sign-out")
                .then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        given().cookie("cardsync-session", session).get("/api/session").then().statusCode(200);
    }

    @Test
    void signIn_itself_needsTheToken() {
        given().contentType(ContentType.JSON).body("{\"username\":\"alice\",\"password\":\"alice-demo\"}")
                .post("/api/session").then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
    }

    @Test
    void basicAuth_needsTheTokenToo() {
        long app = issueCard(randomCardId(), "alice");
        given().auth().preemptive().basic("helpdesk", "helpdesk-demo").contentType(ContentType.JSON).body(CREDIT)
                .post("/api/applications/" + app + "/actions")
                .then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
    }

    @Test
    void theCookieFromGetSession_isTheTokenThePageEchoes() {
        String token = given().get("/api/session").then().statusCode(401).extract().cookie(CSRF_COOKIE);
        assertThat(token).isNotBlank();
        String session = given().cookie(CSRF_COOKIE, token).header(CSRF_HEADER, token).contentType(ContentType.JSON)
                .body("{\"username\":\"alice\",\"password\":\"alice-demo\"}").post("/api/session")
                .then().statusCode(200).extract().cookie("cardsync-session");
        assertThat(session).isNotBlank();
    }

    @Test
    void terminalApi_needsNoToken() {
        given().contentType(ContentType.JSON).body("{}").post("/api/terminal/challenge").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"message\":\"zz\"}").post("/api/terminal/request")
                .then().statusCode(400).body("code", equalTo("MALFORMED_MESSAGE"));
    }

    @Test
    void malformedCookie_isClearedOnRefusal_soThePageRecovers() {
        String planted = "not-a-token!";
        Response refused = given().cookie(CSRF_COOKIE, planted).header(CSRF_HEADER, planted)
                .contentType(ContentType.JSON).body("{\"username\":\"alice\",\"password\":\"alice-demo\"}")
                .post("/api/session");
        refused.then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        assertThat(refused.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(CSRF_COOKIE + "=;").contains("Max-Age=0").contains("Path=/")
                        .containsIgnoringCase("SameSite=Strict"))
                .noneSatisfy(c -> assertThat(c).startsWith("cardsync-session="));

        // the browser has deleted the cookie; the page's recovery: GET /api/session, then the same POST once more
        String fresh = given().get("/api/session").then().statusCode(401).extract().cookie(CSRF_COOKIE);
        assertThat(fresh).isNotBlank().isNotEqualTo(planted);
        given().cookie(CSRF_COOKIE, fresh).header(CSRF_HEADER, fresh).contentType(ContentType.JSON)
                .body("{\"username\":\"alice\",\"password\":\"alice-demo\"}").post("/api/session")
                .then().statusCode(200).cookie("cardsync-session");
    }

    @Test
    void malformedCookie_onGet_isRefused_butCleared_soTheNextGetHandsOutAFreshOne() {
        // Quarkus REST CSRF checks the cookie's form on safe methods too; the clearing makes that a one-off
        Response refused = given().cookie(CSRF_COOKIE, "bad").get("/api/session");
        refused.then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        assertThat(refused.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith(CSRF_COOKIE + "=;").contains("Max-Age=0"));
        String fresh = given().get("/api/session").then().statusCode(401).extract().cookie(CSRF_COOKIE);
        assertThat(fresh).isNotBlank().isNotEqualTo("bad");
    }
}
