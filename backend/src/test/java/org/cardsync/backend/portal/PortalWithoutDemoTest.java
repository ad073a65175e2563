package org.cardsync.backend.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cardsync.backend.testsupport.Api.as;
import static org.cardsync.backend.testsupport.Portal.complete;
import static org.cardsync.backend.testsupport.Portal.topUp;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cardsync.backend.card.DemoData;
import org.junit.jupiter.api.Test;

/**
 * The portal configured as the prod profile ships it (no catalogue, no demo payment provider), with the agent's
 * jar offered for download.
 */
@QuarkusTest
@TestProfile(PortalWithoutDemoTest.ProdLikePortal.class)
class PortalWithoutDemoTest {
    static final byte[] JAR = "a jar's bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static class ProdLikePortal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path jar = Files.createTempFile("cardsync-agent", ".jar");
                Files.write(jar, JAR);
                jar.toFile().deleteOnExit();
                return Map.of("cardsync.portal.catalogue", "", "cardsync.portal.demo-payments", "false",
                        "cardsync.portal.agent-jar", jar.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void demoPayments_areNotFound() {
        long appId = org.cardsync.backend.testsupport.Api.applicationId(DemoData.DEMO_CARD_ID, 0);
        long paymentId = topUp("alice", appId, 100).statusCode(201).extract().jsonPath().getLong("paymentId");
        complete("alice", paymentId, "PAID").statusCode(404).body("code", equalTo("NOT_FOUND"));
        as("alice").get("/api/portal/payments/" + paymentId).then().body("state", equalTo("PENDING"));
    }

    @Test
    void withoutACatalogue_applicationsAreNeutralAndHaveNoParametersOrServices() {
        as("alice").get("/api/portal/cards").then().statusCode(200)
                .body("[0].applications[0].productName", equalTo("Card application"))
                .body("[0].applications[0].currency.code", equalTo("XXX"))
                .body("[0].applications[0].parameters.size()", equalTo(0));
        as("alice").get("/api/portal/services").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void theAgentJar_isOfferedAndServed() {
        as("alice").get("/api/portal/agent").then().statusCode(200)
                .body("downloadUrl", equalTo("/downloads/cardsync-agent.jar"));
        byte[] body = RestAssured.get("/downloads/cardsync-agent.jar").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"cardsync-agent.jar\"")).extract().asByteArray();
        assertThat(body).isEqualTo(JAR);
    }
}
