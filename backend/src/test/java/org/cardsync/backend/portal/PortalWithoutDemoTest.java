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
 * jar and its installable packages offered for download.
 */
@QuarkusTest
@TestProfile(PortalWithoutDemoTest.ProdLikePortal.class)
class PortalWithoutDemoTest {
    static final byte[] JAR = "a jar's bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] DEB = "a deb's bytes, longer".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] MSI = "an msi's bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final byte[] SECRET = "not for download".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final String DEB_NAME = "cardsync-agent_0.1.0-1_amd64.deb";
    static final String MSI_NAME = "cardsync-agent-0.1.0.msi";

    public static class ProdLikePortal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path jar = Files.createTempFile("cardsync-agent", ".jar");
                Files.write(jar, JAR);
                jar.toFile().deleteOnExit();
                // the packages' directory as a build leaves it, plus what must not be offered: another kind of
                // file, a name unsafe in a header, a link to a file elsewhere, a file beside the directory
                Path root = Files.createTempDirectory("cardsync-agent-packages");
                Path packages = Files.createDirectory(root.resolve("jpackage"));
                Files.write(packages.resolve(DEB_NAME), DEB);
                Files.write(packages.resolve(MSI_NAME), MSI);
                Files.writeString(packages.resolve("notes.txt"), "notes");
                Files.write(packages.resolve("bad\"name.deb"), SECRET);
                Path secret = Files.write(root.resolve("secret.deb"), SECRET);
                Files.createSymbolicLink(packages.resolve("linked.pkg"), secret);
                return Map.of("cardsync.portal.catalogue", "", "cardsync.portal.demo-payments", "false",
                        "cardsync.portal.agent-jar", jar.toString(), "cardsync.portal.agent-packages", packages.toString());
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

    @Test
    void theAgentPackages_areListedWithSizeAndSha256_andServedByTheirNameOnly() throws Exception {
        as("alice").get("/api/portal/agent").then().statusCode(200)
                .body("packages.fileName", org.hamcrest.Matchers.contains(DEB_NAME, MSI_NAME))
                .body("packages[0].format", equalTo("DEB"))
                .body("packages[0].size", equalTo(DEB.length))
                .body("packages[0].sha256", equalTo(sha256(DEB)))
                .body("packages[0].url", equalTo("/downloads/agent/" + DEB_NAME))
                .body("packages[1].format", equalTo("MSI"))
                .body("packages[1].sha256", equalTo(sha256(MSI)));
        byte[] deb = RestAssured.get("/downloads/agent/" + DEB_NAME).then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"" + DEB_NAME + "\""))
                .extract().asByteArray();
        assertThat(deb).isEqualTo(DEB);
        for (String name : new String[] {"notes.txt", "linked.pkg", "..%2Fsecret.deb", "bad%22name.deb"}) {
            byte[] body = RestAssured.given().urlEncodingEnabled(false).get("/downloads/agent/" + name).then()
                    .statusCode(404).extract().asByteArray();
            assertThat(body).as(name).isNotEqualTo(SECRET);
        }
    }

    private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
