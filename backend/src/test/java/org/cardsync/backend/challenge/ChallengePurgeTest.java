package org.cardsync.backend.challenge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Expired challenges are deleted now and then by an indexed delete, not by every challenge request (issue 12: each
 * request deleted by an unindexed column, a table scan per request that anybody could trigger 600 times a second).
 */
@QuarkusTest
@TestProfile(ChallengePurgeTest.HourlyPurge.class)
class ChallengePurgeTest {
    /**
     * An application of its own whose purge runs at most hourly: the first challenge request of this test purges (the
     * application's first), the next ones cannot be due. With the suite's shared application and its one-minute
     * interval, a purge an earlier test triggered about a minute before fell due inside the loop.
     */
    public static class HourlyPurge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cardsync.challenges.purge-interval", "PT1H");
        }
    }

    @Inject
    EntityManager entities;

    @Inject
    ExpiredChallengePurge purge;

    private static void challenge() {
        given().contentType(ContentType.JSON).body("{}").post("/api/terminal/challenge").then().statusCode(200);
    }

    private static String expired() {
        byte[] value = new byte[16];
        ThreadLocalRandom.current().nextBytes(value);
        String hex = HexFormat.of().formatHex(value);
        QuarkusTransaction.requiringNew().run(() -> {
            Challenge c = new Challenge();
            c.challenge = hex;
            c.createdAt = Instant.now().minus(Duration.ofMinutes(10));
            c.expiresAt = Instant.now().minus(Duration.ofMinutes(5));
            c.client = "10.30.0.1";
            c.persist();
        });
        return hex;
    }

    private static boolean exists(String hex) {
        return QuarkusTransaction.requiringNew().call(() -> Challenge.count("challenge", hex) == 1);
    }

    @Test
    void challengeRequests_leaveExpiredOnesToThePurge_whichDeletesThem() {
        challenge(); // the first request after start may purge; the next ones within the interval do not
        String old = expired();
        for (int i = 0; i < 5; i++) {
            challenge();
        }
        assertThat(exists(old)).as("no request deleted it").isTrue();
        assertThat(purge.purge(Instant.now())).isPositive();
        assertThat(exists(old)).as("the purge did").isFalse();
    }

    @Test
    void thePurgeAndTheLiveCounts_useTheirIndexes() {
        // the SQL of Challenge.deleteExpired, live, liveOf and liveInNetwork; the counts by V9's partial indexes,
        // which hold no used row
        assertThat(plan("delete from challenge where expires_at < ?1")).contains("ix_challenge_expires_at");
        assertThat(plan("select count(*) from challenge where expires_at > ?1 and used = false"))
                .contains("ix_challenge_live");
        assertThat(plan("select count(*) from challenge where client = '10.30.0.1' and expires_at > ?1 and used = false"))
                .contains("ix_challenge_client_live");
        assertThat(plan("select count(*) from challenge where network = '10.30.0.0/24' and expires_at > ?1 and used = false"))
                .contains("ix_challenge_network_live");
    }

    /** PostgreSQL's plan for the statement, full scans priced out (on the test table's few rows it would scan). */
    private String plan(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> {
            entities.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            var explain = entities.createNativeQuery("explain " + sql);
            explain.setParameter(1, Instant.now());
            return ((List<?>) explain.getResultList()).stream().map(Object::toString).collect(Collectors.joining("\n"));
        });
    }
}
