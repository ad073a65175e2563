package org.cardsync.agent.it;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.cardsync.agent.reader.PcscReaderSource;
import org.cardsync.agent.server.AgentClient;
import org.cardsync.agent.server.AgentFixture;
import org.cardsync.agent.sim.Personalisation;
import org.cardsync.agent.sim.SimulatedCard;
import org.cardsync.agent.sim.VpcdCardHost;

/**
 * The agent's relay overhead per APDU: round trips of GET STATUS on the vpcd reader (the real applet
 * behind pcscd), once through javax.smartcardio directly and once through the agent's WebSocket, in
 * one run, alternating blocks so that drift hits both alike. Not a test: run it by hand (see
 * docs/performance-agent.md for the command) and read the figures it prints.
 */
public final class RelayBenchmark {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String GET_STATUS = "8030000000";

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int blocks = 4;
        PcscStack.acquireMachineLock();
        PcscStack stack = PcscStack.ensureRunning();
        Path state = Files.createTempDirectory("cardsync-bench");
        Personalisation demo = Personalisation.demoCardOrNull();
        byte[] aid = demo.applications().get(0).aid();
        String select = "00A40400" + String.format("%02X", aid.length) + HEX.formatHex(aid);
        Vertx vertx = Vertx.vertx();
        try (SimulatedCard card = SimulatedCard.open(demo, state, SimulatedCard.DEFAULT_APPLET_CLASS, false)) {
            VpcdCardHost host = new VpcdCardHost(card, "127.0.0.1", PcscStack.VPCD_PORT, false);
            host.start();
            awaitCardPresent();
            AgentFixture agent = AgentFixture.deploy(vertx, List.of(new PcscReaderSource(250)), null)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

            long[] direct = new long[n * blocks];
            long[] relayed = new long[n * blocks];
            for (int b = 0; b < blocks; b++) {
                runDirect(select, direct, b * n, n);
                runThroughAgent(vertx, agent, select, relayed, b * n, n);
            }
            report("javax.smartcardio direct", direct);
            report("through the agent (WebSocket JSON, loopback)", relayed);
            double overhead = 100.0 * (percentile(relayed, 50) - percentile(direct, 50)) / percentile(direct, 50);
            System.out.printf(Locale.ROOT, "median overhead: %+.1f %% (%d APDUs each, %d alternating blocks)%n",
                    overhead, n * blocks, blocks);
            host.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            stack.stop();
            PcscStack.releaseMachineLock();
        }
    }

    private static void awaitCardPresent() throws Exception {
        var terminals = TerminalFactory.getInstance("PC/SC", null).terminals();
        for (int i = 0; i < 200; i++) {
            var t = terminals.getTerminal(PcscStack.VPCD_READER);
            if (t != null && t.isCardPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the vpcd card never appeared");
    }

    private static void runDirect(String select, long[] out, int from, int n) throws Exception {
        Card card = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(PcscStack.VPCD_READER)
                .connect("*");
        try {
            CardChannel channel = card.getBasicChannel();
            channel.transmit(new CommandAPDU(HEX.parseHex(select)));
            CommandAPDU status = new CommandAPDU(HEX.parseHex(GET_STATUS));
            for (int i = 0; i < 200; i++) {
                channel.transmit(status); // warm-up
            }
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                int sw = channel.transmit(status).getSW();
                out[from + i] = System.nanoTime() - t0;
                if (sw != 0x9000) {
                    throw new IllegalStateException("GET STATUS answered " + Integer.toHexString(sw));
                }
            }
        } finally {
            card.disconnect(false);
        }
    }

    private static void runThroughAgent(Vertx vertx, AgentFixture agent, String select, long[] out, int from, int n)
            throws Exception {
        AgentClient page = agent.page(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        await(page.call("connect", new JsonObject().put("reader", PcscStack.VPCD_READER)));
        await(page.call("transmit", new JsonObject().put("apdu", select)));
        JsonObject status = new JsonObject().put("apdu", GET_STATUS);
        for (int i = 0; i < 200; i++) {
            await(page.call("transmit", status)); // warm-up
        }
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            JsonObject reply = await(page.call("transmit", status));
            out[from + i] = System.nanoTime() - t0;
            if (!"9000".equals(reply.getString("sw"))) {
                throw new IllegalStateException("GET STATUS answered " + reply.getString("sw"));
            }
        }
        await(page.call("disconnect", new JsonObject().put("reset", false)));
        await(page.close());
    }

    private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void report(String what, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-46s median %7.3f ms   p99 %7.3f ms   (n=%d)%n", what,
                percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6, nanos.length);
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
