package org.cardsync.backend.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.cardsync.backend.testsupport.Api;
import org.junit.jupiter.api.Test;

/**
 * Metrics and the API documentation are for the operators (admins), not for anybody who can reach the port: they tell
 * an attacker what runs and how busy it is. And no client can grow the metrics by requesting addresses nobody serves.
 */
@QuarkusTest
class OperationsEndpointsTest {
    // the API document's suffix routes too, and a path no extension serves today (a future /q/ endpoint is closed)
    private static final String[] OPERATIONS = {"/q/metrics", "/q/openapi", "/q/openapi.json", "/q/openapi.yaml",
        "/q/openapi.yml", "/q/openapi.json?x=1", "/q/swagger-ui/", "/q/swagger-ui/index.html"};
    private static final String FUTURE = "/q/anything-" + UUID.randomUUID();

    @Test
    void metricsAndApiDocumentation_refuseAnonymousClients_andCustomers_andServeAdmins() {
        for (String path : OPERATIONS) {
            Response anonymous = given().get(path);
            assertThat(anonymous.statusCode()).as(path + " anonymous").isEqualTo(401);
            assertThat(anonymous.jsonPath().getString("code")).as(path).isEqualTo("NOT_SIGNED_IN");
            assertThat(anonymous.header("WWW-Authenticate")).as(path).isNull();
            Response customer = Api.as("alice").get(path);
            assertThat(customer.statusCode()).as(path + " customer").isEqualTo(403);
            assertThat(customer.jsonPath().getString("code")).as(path).isEqualTo("FORBIDDEN");
            assertThat(Api.as("helpdesk").get(path).statusCode()).as(path + " helpdesk").isEqualTo(403);
            assertThat(Api.as("admin").get(path).statusCode()).as(path + " admin").isEqualTo(200);
        }
        Response future = given().get(FUTURE);
        assertThat(future.statusCode()).as(FUTURE + " anonymous").isEqualTo(401);
        assertThat(future.jsonPath().getString("code")).isEqualTo("NOT_SIGNED_IN");
        assertThat(Api.as("alice").get(FUTURE).statusCode()).as(FUTURE + " customer").isEqualTo(403);
        assertThat(given().get("/q/health/ready").statusCode()).as("health stays open").isEqualTo(200);
        assertThat(given().get("/q/health").statusCode()).as("health stays open").isEqualTo(200);
    }

    @Test
    void randomPaths_addAtMostAConstantNumberOfMetricSeries() {
        long before = requestSeries();
        int sent = 0;
        for (int i = 0; i < 500; i++) {
            String random = UUID.randomUUID().toString();
            // the shapes a scanner tries: a top-level name, under the API, an asset, a page, a terminal endpoint;
            // every other one a POST that is not JSON, which is refused (415) before any route is matched
            String path = switch (i % 5) {
                case 0 -> "/" + random;
                case 1 -> "/api/" + random;
                case 2 -> "/assets/" + random + ".js";
                case 3 -> "/" + random + ".html";
                default -> "/api/terminal/" + random;
            };
            Response r = i % 2 == 0 ? given().get(path) : given().contentType("text/plain").body("x").post(path);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            sent++;
        }
        // dot-segment variants of the pages, which the static handler answered 200, each tagged with its raw path; sent
        // over a plain socket because HTTP clients remove dot segments before sending
        for (int i = 0; i < 100; i++) {
            String path = switch (i % 4) {
                case 0 -> "/a" + i + "/../console.html";
                case 1 -> "/./".repeat(i) + "index.html";
                case 2 -> "/assets/" + "x/".repeat(i) + "../".repeat(i + 1) + "index.html";
                default -> "/" + "/".repeat(i) + "index.html";
            };
            assertThat(rawGetStatus(path)).as(path).isEqualTo(400);
            sent++;
        }
        // and the pages themselves (200), under their own tag
        for (int i = 0; i < 10; i++) {
            assertThat(rawGetStatus("/index.html")).isEqualTo(200);
            sent++;
        }
        long added = requestSeries() - before;
        System.out.println("SECURITY metrics-uri-tags: " + sent + " requests to random and dot-segment paths added "
                + added + " http_server_requests series (bound: 8)");
        // one per method, status and outcome at most: the path is no longer a tag value
        assertThat(added).isLessThanOrEqualTo(8);
    }

    /** The status of a GET of this exact request target, as a scanner sends it (no client-side normalisation). */
    private static int rawGetStatus(String target) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many http_server_requests series the metrics show now. */
    private static long requestSeries() {
        String metrics = Api.as("admin").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")).count();
    }
}
