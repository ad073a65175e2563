package org.cardsync.agent.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cardsync.agent.config.OriginPolicy;
import org.cardsync.agent.config.WebOrigin;
import org.cardsync.agent.sim.SimulatedReaderSource;
import org.cardsync.agent.sim.TestCards;

/** An agent on a free loopback port with the simulated test card, as the WebSocket tests use it. */
public final class AgentFixture {

    public static final String ALLOWED_ORIGIN = "http://localhost:8080";
    public static final String READER = SimulatedReaderSource.READER_NAME;

    private final AgentVerticle verticle;
    private final SimulatedReaderSource simulated;
    private final OriginPolicy originPolicy;

    private AgentFixture(AgentVerticle verticle, SimulatedReaderSource simulated, OriginPolicy originPolicy) {
        this.verticle = verticle;
        this.simulated = simulated;
        this.originPolicy = originPolicy;
    }

    /** Deploys an agent with the simulated test card whose state lives in {@code stateDir}. */
    public static Future<AgentFixture> deploy(Vertx vertx, Path stateDir) {
        return deploy(vertx, stateDir, ConnectionPolicy.defaults());
    }

    /** Deploys an agent with the simulated test card and the given connection guards. */
    public static Future<AgentFixture> deploy(Vertx vertx, Path stateDir, ConnectionPolicy connections) {
        SimulatedReaderSource simulated;
        try {
            simulated = new SimulatedReaderSource(TestCards.open(stateDir));
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        return deploy(vertx, List.of(simulated), simulated, connections);
    }

    /** Deploys an agent with the simulated test card on 127.0.0.1 and [::1], as the real agent listens. */
    public static Future<AgentFixture> deployOnBothLoopbacks(Vertx vertx, Path stateDir) {
        SimulatedReaderSource simulated;
        try {
            simulated = new SimulatedReaderSource(TestCards.open(stateDir));
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        return deploy(vertx, List.of(simulated), simulated, ConnectionPolicy.defaults(), List.of("127.0.0.1", "::1"));
    }

    /** Deploys an agent on the given readers. */
    public static Future<AgentFixture> deploy(Vertx vertx, List<org.cardsync.agent.reader.ReaderSource> sources,
            SimulatedReaderSource simulated) {
        return deploy(vertx, sources, simulated, ConnectionPolicy.defaults());
    }

    private static Future<AgentFixture> deploy(Vertx vertx, List<org.cardsync.agent.reader.ReaderSource> sources,
            SimulatedReaderSource simulated, ConnectionPolicy connections) {
        return deploy(vertx, sources, simulated, connections, List.of("127.0.0.1"));
    }

    private static Future<AgentFixture> deploy(Vertx vertx, List<org.cardsync.agent.reader.ReaderSource> sources,
            SimulatedReaderSource simulated, ConnectionPolicy connections, List<String> bindAddresses) {
        OriginPolicy policy = new OriginPolicy(
                Set.of(WebOrigin.parse(ALLOWED_ORIGIN), WebOrigin.parse("https://portal.example")));
        AgentVerticle verticle = new AgentVerticle(
                new AgentOptions(0, bindAddresses, false, AgentOptions.DEFAULT_MAX_BATCH),
                policy, sources, simulated, connections);
        return vertx.deployVerticle(verticle).map(id -> new AgentFixture(verticle, simulated, policy));
    }

    /** The running agent's allow-list (tests revoke origins through it). */
    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    public int port() {
        return verticle.actualPort();
    }

    public SimulatedReaderSource simulated() {
        return simulated;
    }

    /** A page of the allowed origin. */
    public Future<AgentClient> page(Vertx vertx) {
        return AgentClient.connect(vertx, port(), ALLOWED_ORIGIN);
    }
}
