package org.cardsync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged backend as an operator deploys it: the prod profile (no {@code -Dquarkus.profile}), its master
 * key given by the environment variable {@code CARDSYNC_KEYS_MASTER_1}, or held in a PKCS#11 token (SoftHSM2,
 * {@code CARDSYNC_KEYS_STORE=pkcs11}), on PostgreSQL. The published demo master key must never protect real cards,
 * so the backend must refuse to start with it, also when it sits non-extractable in a token (recognised by its key
 * check value, computed through the token); with a key of the issuer's own it starts and answers ready.
 */
class ProdProfileIssuerKeyTest {

    private static final Path OUTPUT = Path.of(System.getProperty("e2e.outputDir", "target"));
    private static final Path BACKEND_JAR = Path.of(System.getProperty("e2e.backendJar",
            "../backend/target/quarkus-app/quarkus-run.jar"));
    /** Where the demo key is published (surefire runs in e2e/). */
    private static final Path APPLICATION_PROPERTIES = Path.of("..", "backend", "src", "main", "resources",
            "application.properties");
    private static final String REFUSAL = "the demo master key is configured in the prod profile";

    private static Path work;
    private static PostgresServer database;

    @BeforeAll
    static void startDatabase() throws IOException {
        assertThat(BACKEND_JAR).as("the packaged backend (./mvnw -pl backend -am package)").isRegularFile();
        work = Files.createTempDirectory(Files.createDirectories(OUTPUT), "prod-profile-");
        database = PostgresServer.start(work.resolve("data"), work.resolve("postgres.log"));
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void prodProfile_withTheDemoMasterKey_exitsNonZeroNamingTheRefusal() throws Exception {
        String demoKey = demoMasterKey();
        try (ManagedProcess backend = startProdBackend("backend-demo-key", demoKey, FreePort.find())) {
            int exitCode = backend.awaitExit(Duration.ofSeconds(120));

            assertThat(exitCode).as("exit code; log:\n%s", backend.tail()).isNotZero();
            assertThat(backend.logText()).contains(REFUSAL);
        }
    }

    @Test
    void prodProfile_withAnIssuersOwnMasterKey_becomesReady() throws Exception {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String ownKey = HexFormat.of().formatHex(key);
        assertThat(ownKey).isNotEqualToIgnoringCase(demoMasterKey());
        int port = FreePort.find();
        try (ManagedProcess backend = startProdBackend("backend-own-key", ownKey, port)) {
            BackendServer.awaitHealthReady(backend, port);

            assertThat(backend.logText()).doesNotContain(REFUSAL);
        }
    }

    @Test
    void prodProfile_withTheDemoMasterKeyInAPkcs11Token_exitsNonZeroNamingTheRefusal() throws Exception {
        SoftHsm2Token token = SoftHsm2Token.withMasterKey(work.resolve("token-demo"), demoMasterKey());
        try (ManagedProcess backend = startProdBackend("backend-token-demo-key", token.backendEnvironment(),
                FreePort.find())) {
            int exitCode = backend.awaitExit(Duration.ofSeconds(120));

            assertThat(exitCode).as("exit code; log:\n%s", backend.tail()).isNotZero();
            assertThat(backend.logText()).contains(REFUSAL).contains("token key cardsync-master-v1");
        }
    }

    @Test
    void prodProfile_withAnIssuersOwnMasterKeyInAPkcs11Token_becomesReady() throws Exception {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        SoftHsm2Token token = SoftHsm2Token.withMasterKey(work.resolve("token-own"), HexFormat.of().formatHex(key));
        int port = FreePort.find();
        try (ManagedProcess backend = startProdBackend("backend-token-own-key", token.backendEnvironment(), port)) {
            BackendServer.awaitHealthReady(backend, port);

            assertThat(backend.logText()).doesNotContain(REFUSAL);
        }
    }

    /** The packaged backend with no profile given (so prod) and its master key in the environment. */
    private static ManagedProcess startProdBackend(String name, String masterKeyHex, int port) throws IOException {
        return startProdBackend(name, Map.of("CARDSYNC_KEYS_MASTER_1", masterKeyHex), port);
    }

    /** The packaged backend with no profile given (so prod) and its key store given by {@code keyEnvironment}. */
    private static ManagedProcess startProdBackend(String name, Map<String, String> keyEnvironment, int port)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-Dquarkus.http.port=" + port));
        command.addAll(database.backendProperties());
        command.addAll(List.of("-jar", BACKEND_JAR.toAbsolutePath().toString()));
        Map<String, String> environment = new HashMap<>(database.backendEnvironment());
        environment.putAll(keyEnvironment);
        return ManagedProcess.start(name, command, environment,
                Files.createDirectories(work.resolve(name)), work.resolve(name + ".log"));
    }

    /** The demo master key the demo profile configures, read from the backend's application.properties. */
    private static String demoMasterKey() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES, StandardCharsets.ISO_8859_1)) {
            properties.load(reader);
        }
        String key = properties.getProperty("%demo.cardsync.keys.master.1");
        assertThat(key).as("the demo profile's master key in " + APPLICATION_PROPERTIES).isNotBlank();
        return key;
    }
}
