package org.cardsync.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The packaged backend (backend/target/quarkus-app) in its demo profile, on a free port, with a private
 * in-memory H2 database: the demo users and the demo card, seeded fresh for this run.
 */
final class BackendServer implements AutoCloseable {

    private final ManagedProcess process;
    private final int port;

    private BackendServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the backend; {@link #awaitReady()} waits for it. */
    static BackendServer start(Path jar, Path outputDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no backend at " + jar + ": build it first (./mvnw -pl backend -am"
                    + " package -DskipTests) or run the whole build (./mvnw verify)");
        }
        int port = FreePort.find();
        Path workDir = Files.createDirectories(outputDir.resolve("backend-work"));
        ManagedProcess process = ManagedProcess.start("backend", List.of(
                ManagedProcess.java(),
                "-Dquarkus.profile=demo",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1",
                "-jar", jar.toString()),
                workDir, outputDir.resolve("e2e-logs/backend.log"));
        return new BackendServer(process, port);
    }

    void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        process.awaitReady("ready on " + baseUrl(), () -> {
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, Duration.ofSeconds(90));
    }

    int port() {
        return port;
    }

    /** The origin the tests allow on the agent: the page served by the backend as {@code localhost}. */
    String baseUrl() {
        return "http://localhost:" + port;
    }

    /**
     * The same backend under another origin: {@code 127.0.0.1} instead of {@code localhost} is another
     * origin to a browser, and the agent was told to allow only the first.
     */
    String foreignBaseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "backend " + baseUrl() + " " + process;
    }
}
