package org.cardsync.backend.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The headers that make a browser refuse what an attacker would slip into or around a page: an injected inline
 * script (Content-Security-Policy), a page framed by another site to trick clicks (frame-ancestors, X-Frame-Options),
 * a file read as another type (nosniff), the page's address leaking to other sites (Referrer-Policy). And a page is
 * never cached as immutable, so a browser never runs an old page against a newer API.
 */
@QuarkusTest
class SecurityHeadersTest {
    /** The directives of a Content-Security-Policy, by name (e.g. "script-src" -> ["'self'"]). */
    private static List<String> directive(String policy, String name) {
        for (String d : policy.split(";")) {
            List<String> words = Arrays.asList(d.trim().split("\\s+"));
            if (words.get(0).equals(name)) {
                return words.subList(1, words.size());
            }
        }
        return List.of();
    }

    private static void assertProtected(Response r, String what) {
        String policy = r.header("Content-Security-Policy");
        assertThat(policy).as(what + ": Content-Security-Policy").isNotNull();
        assertThat(directive(policy, "script-src")).as(what + ": scripts from this origin only, none inline")
                .containsExactly("'self'");
        assertThat(directive(policy, "object-src")).as(what).containsExactly("'none'");
        assertThat(directive(policy, "frame-ancestors")).as(what + ": no site may frame it").containsExactly("'none'");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
    }

    @Test
    void everyPage_andEveryApiAnswer_carryTheSecurityHeaders() {
        for (String page : new String[] {"/", "/index.html", "/console.html", "/pay.html", "/terminal.html"}) {
            Response r = given().get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertProtected(r, page);
        }
        assertProtected(given().get("/api/session"), "an API refusal (401)");
        assertProtected(given().get("/no/such/page"), "an address nobody serves (404)");
        assertProtected(given().get("/q/health/ready"), "health");
    }

    @Test
    void thePages_areRevalidatedOnEveryLoad_andNeverImmutable() {
        for (String page : new String[] {"/", "/index.html", "/console.html"}) {
            String cache = given().get(page).header("Cache-Control");
            assertThat(cache).as(page).isEqualTo("no-cache");
        }
    }

    @Test
    void theHashedAssets_mayBeKeptForAYear() {
        Matcher asset = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(given().get("/").asString());
        assertThat(asset.find()).as("the portal page loads its script from /assets").isTrue();
        Response r = given().get(asset.group(1));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertProtected(r, asset.group(1));
    }
}
