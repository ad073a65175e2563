package org.cardsync.backend.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.CSRF_COOKIE;
import static org.cardsync.backend.testsupport.Api.withCsrf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cardsync.backend.card.DemoData;
import org.junit.jupiter.api.Test;

/** Browser sign-in (docs/api.md "Signing in"): the session cookie, sign-out, expiry, and what a failure reveals. */
@QuarkusTest
class SignInTest {
    /** Each test that fails sign-ins does so from addresses of its own (a trusted proxy's X-Forwarded-For). */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Inject
    EntityManager db;

    static String newClient() {
        return "198.51.100." + CLIENTS.incrementAndGet();
    }

    static Response signIn(String username, String password, String client) {
        return withCsrf(given()).header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/session");
    }

    @Test
    void signIn_answersTheUser_andSetsAnHttpOnlyStrictSessionCookie_notSecureOverHttp() {
        given().get("/api/session").then().statusCode(401).body("code", equalTo("NOT_SIGNED_IN"));

        Response r = signIn("alice", "alice-demo", newClient());
        r.then().statusCode(200).body("username", equalTo("alice")).body("role", equalTo("customer"));
        var cookie = r.getDetailedCookie("cardsync-session");
        assertThat(cookie.getValue()).hasSize(43);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.isSecured()).isFalse();
        assertThat(cookie.getMaxAge()).as("a browser-session cookie: the server's timeouts end it").isEqualTo(-1);

        given().cookie("cardsync-session", cookie.getValue()).get("/api/session").then().statusCode(200)
                .body("username", equalTo("alice")).body("role", equalTo("customer"))
                .body("displayName", equalTo("Alice Martin"));
        given().cookie("cardsync-session", cookie.getValue()).get("/api/portal/cards").then().statusCode(200)
                .body("cardId", hasItem(DemoData.DEMO_CARD_ID));
    }

    @Test
    void signIn_overHttps_marksTheCookiesSecure() {
        Response r = withCsrf(given()).header("X-Forwarded-Proto", "https").contentType(ContentType.JSON)
                .body("{\"username\":\"helpdesk\",\"password\":\"helpdesk-demo\"}").post("/api/session");
        r.then().statusCode(200).body("role", equalTo("helpdesk"));
        // __Host-: only this host can set it, so a sibling subdomain cannot plant a session of its own
        var session = r.getDetailedCookie("__Host-cardsync-session");
        assertThat(session.isSecured()).isTrue();
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getDomain()).isNull();
        given().header("X-Forwarded-Proto", "https").cookie("__Host-cardsync-session", session.getValue())
                .get("/api/session").then().statusCode(200).body("username", equalTo("helpdesk"));
        assertThat(r.getDetailedCookie(CSRF_COOKIE).isSecured()).as("the CSRF cookie too").isTrue();
    }

    @Test
    void aSecondSessionCookie_plantedFromAnotherOrigin_leavesTheRequestNotSignedIn() {
        String own = signIn("alice", "alice-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        String planted = signIn("bob", "bob-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        // the browser sends both (e.g. one set by another port of this host): neither may count
        Response r = given().header("Cookie", "cardsync-session=" + planted + "; cardsync-session=" + own)
                .get("/api/session");
        r.then().statusCode(401).body("code", equalTo("NOT_SIGNED_IN"));
        assertThat(r.getDetailedCookie("cardsync-session").getMaxAge()).as("told to drop it").isZero();
        given().cookie("cardsync-session", own).get("/api/session").then().statusCode(200)
                .body("username", equalTo("alice"));
    }

    @Test
    void aUser_hasAtMostTenSessions_theOldestEndsFirst() {
        String first = signIn("admin", "admin-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        String last = null;
        for (int i = 0; i < 10; i++) {
            last = signIn("admin", "admin-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        }
        given().cookie("cardsync-session", first).get("/api/session").then().statusCode(401)
                .body("code", equalTo("NOT_SIGNED_IN"));
        given().cookie("cardsync-session", last).get("/api/session").then().statusCode(200);
    }

    @Test
    void signOut_endsTheSessionOnTheServer_soACopiedCookieIsDeadToo() {
        String session = signIn("bob", "bob-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");

        Response out = withCsrf(given()).cookie("cardsync-session", session).contentType(ContentType.JSON).body("{}")
                .post("/api/session/sign-out");
        out.then().statusCode(204);
        assertThat(out.getDetailedCookie("cardsync-session").getMaxAge()).isZero();

        given().cookie("cardsync-session", session).get("/api/session").then().statusCode(401)
                .body("code", equalTo("NOT_SIGNED_IN"));
        given().cookie("cardsync-session", session).get("/api/cards").then().statusCode(401)
                .body("code", equalTo("NOT_SIGNED_IN"));
    }

    @Test
    void session_idleLongerThanTheIdleTimeout_isOver() {
        String session = signIn("alice", "alice-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        age(session, Duration.ofMinutes(31), Duration.ofMinutes(31));

        Response r = given().cookie("cardsync-session", session).get("/api/session");
        r.then().statusCode(401).body("code", equalTo("NOT_SIGNED_IN"));
        assertThat(r.getDetailedCookie("cardsync-session").getMaxAge()).as("the dead cookie is cleared").isZero();
    }

    @Test
    void session_olderThanTheAbsoluteTimeout_isOver_evenWhenInUse() {
        String session = signIn("alice", "alice-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        age(session, Duration.ofHours(12).plusMinutes(1), Duration.ZERO);

        given().cookie("cardsync-session", session).get("/api/session").then().statusCode(401)
                .body("code", equalTo("NOT_SIGNED_IN"));
    }

    @Test
    void session_withinBothTimeouts_isAlive() {
        String session = signIn("alice", "alice-demo", newClient()).then().statusCode(200).extract().cookie("cardsync-session");
        age(session, Duration.ofHours(11), Duration.ofMinutes(29));

        given().cookie("cardsync-session", session).get("/api/session").then().statusCode(200);
    }

    @Test
    void wrongPassword_andUnknownUser_getTheSameAnswer_inTheSameTimeClass() {
        String client = newClient();
        long wrong = Long.MAX_VALUE;
        long unknown = Long.MAX_VALUE;
        String wrongBody = null;
        String unknownBody = null;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            Response a = signIn("helpdesk", "not-the-password", client);
            wrong = Math.min(wrong, System.nanoTime() - t0);
            long t1 = System.nanoTime();
            Response b = signIn("nobody-" + client, "not-the-password", client);
            unknown = Math.min(unknown, System.nanoTime() - t1);
            a.then().statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));
            b.then().statusCode(401);
            wrongBody = a.asString();
            unknownBody = b.asString();
        }
        assertThat(unknownBody).isEqualTo(wrongBody)
                .contains("The user name or password is not right.");
        // A bcrypt check costs tens of milliseconds, a lookup of a missing row well under one: without the dummy
        // hash an unknown name would answer many times faster.
        assertThat(unknown).as("unknown user (ns) vs wrong password (ns) " + wrong).isGreaterThan(wrong / 3);
    }

    @Test
    void failedSignIns_perAccount_areThrottled_withRetryAfter_evenForTheRightPassword() {
        String name = "carol-" + CLIENTS.incrementAndGet();
        String guesser = newClient();
        for (int i = 0; i < 5; i++) {
            signIn(name, "guess-" + i, guesser).then().statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));
        }
        Response throttled = signIn(name, "guess-5", guesser);
        throttled.then().statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);

        // the same for a name that exists: the throttle tells nothing about which names do
        for (int i = 0; i < 5; i++) {
            signIn("bob", "guess-" + i, guesser).then().statusCode(401);
        }
        signIn("bob", "bob-demo", guesser).then().statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));
        // but someone failing on purpose does not lock the owner out: from elsewhere bob still signs in
        signIn("bob", "bob-demo", newClient()).then().statusCode(200);
    }

    @Test
    void parallelGuesses_areCheckedNoMoreOftenThanTheLimit() throws Exception {
        // 30 guesses at once from one client for one name: only as many as the per-account limit (5) may reach the
        // password check; the rest must be refused at once. Counting failures after the check let all 30 through.
        String name = "dave-" + CLIENTS.incrementAndGet();
        String client = newClient();
        int attempts = 30;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String guess = "guess-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return signIn(name, guess, client).statusCode();
                }));
            }
            start.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get(60, TimeUnit.SECONDS);
                if (status == 401) {
                    checked++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertThat(checked).as("guesses that reached the password check").isEqualTo(5);
            assertThat(refused).isEqualTo(attempts - 5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedSignIns_perClient_areThrottled_acrossUserNames() {
        String client = newClient();
        for (int i = 0; i < 20; i++) {
            signIn("spray-" + client + "-" + i, "password", client).then().statusCode(401);
        }
        Response throttled = signIn("alice", "alice-demo", client);
        throttled.then().statusCode(429).body("code", equalTo("TOO_MANY_ATTEMPTS"));
        assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
        signIn("alice", "alice-demo", newClient()).then().statusCode(200);
    }

    @Test
    void basicAuth_failuresCountToo() {
        String client = newClient();
        for (int i = 0; i < 20; i++) {
            withCsrf(given().auth().preemptive().basic("spray-basic-" + i, "x")).header("X-Forwarded-For", client)
                    .get("/api/cards").then().statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));
        }
        withCsrf(given().auth().preemptive().basic("admin", "admin-demo")).header("X-Forwarded-For", client)
                .get("/api/cards").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void basicAuth_namesLongerThanAnyAccount_areRefused_withoutUsingUpTheClientsAllowance() {
        String client = newClient();
        String huge = "x".repeat(6000);
        for (int i = 0; i < 25; i++) {
            given().auth().preemptive().basic(huge + i, "x").header("X-Forwarded-For", client)
                    .get("/api/cards").then().statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));
        }
        given().auth().preemptive().basic("admin", "admin-demo").header("X-Forwarded-For", client)
                .get("/api/cards").then().statusCode(200);
    }

    @Test
    void unauthorized_neverAsksTheBrowserForBasicCredentials() {
        Response none = given().get("/api/cards");
        none.then().statusCode(401).body("code", equalTo("NOT_SIGNED_IN"));
        assertThat(none.header("WWW-Authenticate")).isNull();

        Response wrong = given().auth().preemptive().basic("admin", "wrong").header("X-Forwarded-For", newClient())
                .get("/api/cards");
        wrong.then().statusCode(401).body("code", equalTo("SIGN_IN_FAILED"));
        assertThat(wrong.header("WWW-Authenticate")).isNull();

        Response session = given().get("/api/session");
        assertThat(session.header("WWW-Authenticate")).isNull();
    }

    @Test
    void signIn_givesTheCsrfCookie_thePageCanRead() {
        Response r = given().get("/api/session");
        var csrf = r.getDetailedCookie(CSRF_COOKIE);
        assertThat(csrf).as("GET /api/session sets the CSRF cookie").isNotNull();
        assertThat(csrf.isHttpOnly()).isFalse();
        assertThat(csrf.getPath()).isEqualTo("/");
        assertThat(csrf.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(csrf.getValue()).matches("[A-Za-z0-9_-]{22}");
    }

    /** Moves a session's sign-in back by {@code created} and its last use back by {@code idle}. */
    private void age(String token, Duration created, Duration idle) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        Instant now = Instant.now();
        int rows = QuarkusTransaction.requiringNew().call(() -> db.createNativeQuery(
                        "update web_session set created_at = ?1, last_seen_at = ?2 where token_hash = ?3")
                .setParameter(1, now.minus(created)).setParameter(2, now.minus(idle)).setParameter(3, hash).executeUpdate());
        assertThat(rows).as("the session is stored under the SHA-256 of its token").isEqualTo(1);
    }
}
