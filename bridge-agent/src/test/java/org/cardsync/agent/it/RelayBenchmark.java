package org.cardsync.agent.it;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.cardsync.protocol.ActionType;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.KeyDerivation;
import org.cardsync.protocol.ScriptCommand;
import org.cardsync.protocol.TransactionType;
import org.cardsync.protocol.UpstreamMessage;

/**
 * The relay ratio (docs/performance-agent.md): the time to relay one whole script through the agent's
 * {@code transmit-batch} divided by the time to send the same APDUs with javax.smartcardio directly, on the same
 * vpcd reader (pcscd + vsmartcard-vpcd, the demo card on the real CardsyncApplet behind the agent's vpcd card
 * host), in one run, in alternating blocks so that drift hits both paths alike.
 *
 * <p>A script is what the web page sends in one {@code transmit-batch}: the server's EXECUTE commands of one
 * session, real ones (MAC'd with the demo card's K_DN for the session the REQUEST before it opened), which the card
 * checks and runs. Each measured script is framed by a REQUEST and an ACK on the same path, not timed. Script
 * lengths: 8 (the backend's {@code cardsync.scripts.max-actions}, which the terminal page sends as one batch), 3
 * and 1 (the customer portal sends one batch per change, often a single command).
 *
 * <p>Not a test: {@code scripts/bench-relay} builds and runs it. Arguments: {@code --out FILE} (JSON),
 * {@code --blocks N} (alternating blocks per path), {@code --scripts N} (timed scripts per block and length),
 * {@code --warmup N} (untimed scripts before them), {@code --lengths 8,3,1}.
 */
public final class RelayBenchmark {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** The demo issuer master key (published on purpose; docs/test-vectors.json): the bench plays the server. */
    private static final byte[] DEMO_MASTER_KEY = HexFormat.of().parseHex("64656d6f2d6f6e6c792d6d6b2d763031");
    private static final String READER = PcscStack.VPCD_READER;

    private final int blocks;
    private final int scripts;
    private final int warmup;
    private final int[] lengths;
    private final String select;

    private RelayBenchmark(Map<String, String> options, String select) {
        this.blocks = Integer.parseInt(options.getOrDefault("blocks", "6"));
        this.scripts = Integer.parseInt(options.getOrDefault("scripts", "300"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
        this.lengths = Arrays.stream(options.getOrDefault("lengths", "8,3,1").split(","))
                .mapToInt(Integer::parseInt).toArray();
        this.select = select;
    }

    /**
     * One path to the card. Each script of a block: a REQUEST opens a session, the script runs (timed), an ACK closes
     * the session; every command must answer 9000.
     */
    private interface CardPath extends AutoCloseable {
        /** Runs {@code warmup} then {@code scripts} scripts of {@code length} APDUs, their times into {@code out}. */
        void runBlock(int length, int warmup, int scripts, long[] out, int from) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path out = Path.of(options.getOrDefault("out", "target/bench/relay/relay.json"));
        PcscStack.acquireMachineLock();
        PcscStack stack = PcscStack.ensureRunning();
        // The simulated card's journal, this run's alone: removed when the run ends, also when it fails (finally) or is
        // interrupted (Ctrl-C: the shutdown hook), so that runs do not leave /tmp/cardsync-bench<N> behind.
        Path state = Files.createTempDirectory("cardsync-bench");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(state), "bench-remove-journal"));
        try {
            Personalisation demo = Personalisation.demoCardOrNull();
            byte[] aid = demo.applications().get(0).aid();
            RelayBenchmark bench = new RelayBenchmark(options,
                    "00A40400" + String.format("%02X", aid.length) + HEX.formatHex(aid));
            // Two Vert.x instances: the agent's, as in its own process, and the page's.
            Vertx agentVertx = Vertx.vertx();
            Vertx pageVertx = Vertx.vertx();
            double[] load = new double[2];
            // the host closes before the card, also on a failure: a host left running would reopen the journal
            try (SimulatedCard card = SimulatedCard.open(demo, state, SimulatedCard.DEFAULT_APPLET_CLASS, false);
                 VpcdCardHost host = new VpcdCardHost(card, "127.0.0.1", PcscStack.VPCD_PORT, false)) {
                host.start();
                awaitCardPresent();
                AgentFixture agent = await(AgentFixture.deploy(agentVertx, List.of(new PcscReaderSource(250)), null));
                load[0] = loadAverage();
                JsonObject results = bench.run(agent, pageVertx);
                load[1] = loadAverage();
                results.put("loadAverage1m", new JsonArray().add(load[0]).add(load[1]));
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, results.encodePrettily());
                System.out.println("results: " + out.toAbsolutePath());
                System.out.println(summary(results));
            } finally {
                pageVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                agentVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                stack.stop();
                PcscStack.releaseMachineLock();
            }
        } finally {
            deleteTree(state);
        }
    }

    private JsonObject run(AgentFixture agent, Vertx pageVertx) throws Exception {
        Map<Integer, long[]> direct = new LinkedHashMap<>();
        Map<Integer, long[]> directOnThread = new LinkedHashMap<>();
        Map<Integer, long[]> relayed = new LinkedHashMap<>();
        for (int length : lengths) {
            direct.put(length, new long[blocks * scripts]);
            directOnThread.put(length, new long[blocks * scripts]);
            relayed.put(length, new long[blocks * scripts]);
        }
        ExecutorService cardThread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "bench-card-thread");
            t.setDaemon(true);
            return t;
        });
        for (int b = 0; b < blocks; b++) {
            // Which path goes first rotates too, so that none always follows another's garbage.
            for (int turn = 0; turn < 3; turn++) {
                int which = (b + turn) % 3;
                Map<Integer, long[]> into = which == 0 ? direct : which == 1 ? directOnThread : relayed;
                try (CardPath path = which == 2 ? new ThroughAgent(agent, pageVertx, select)
                        : new Direct(select, which == 1 ? cardThread : null)) {
                    for (int length : lengths) {
                        path.runBlock(length, warmup, scripts, into.get(length), b * scripts);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "block %d/%d done%n", b + 1, blocks);
        }
        cardThread.shutdown();
        JsonArray rows = new JsonArray();
        for (int length : lengths) {
            long[] d = direct.get(length);
            long[] t = directOnThread.get(length);
            long[] r = relayed.get(length);
            rows.add(new JsonObject().put("apdus", length).put("scripts", d.length)
                    .put("directP50Ms", ms(percentile(d, 50))).put("directP99Ms", ms(percentile(d, 99)))
                    .put("directOnThreadP50Ms", ms(percentile(t, 50))).put("directOnThreadP99Ms", ms(percentile(t, 99)))
                    .put("relayedP50Ms", ms(percentile(r, 50))).put("relayedP99Ms", ms(percentile(r, 99)))
                    .put("ratioP50", round(percentile(r, 50) / percentile(d, 50)))
                    .put("ratioP99", round(percentile(r, 99) / percentile(d, 99)))
                    .put("ratioToDirectOnThreadP50", round(percentile(r, 50) / percentile(t, 50)))
                    .put("addedP50MsPerScript", ms(percentile(r, 50) - percentile(d, 50))));
        }
        return new JsonObject().put("benchmark", "relay").put("reader", READER)
                .put("blocks", blocks).put("scriptsPerBlock", scripts).put("warmupPerBlock", warmup)
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .put("cpus", Runtime.getRuntime().availableProcessors()).put("results", rows);
    }

    /**
     * The server's script for {@code session}: {@code length} WRITE_PARAMETER actions s = CA+1..CA+length (4-byte
     * values, so each EXECUTE is as long as a CREDIT's, and a run never reaches the purse limit), MAC'd with K_DN.
     */
    private static List<byte[]> script(UpstreamMessage session, int length) {
        CardApplicationId id = session.id();
        byte[] downKey = KeyDerivation.deriveDownKey(DEMO_MASTER_KEY, id);
        List<byte[]> commands = new ArrayList<>(length);
        for (int i = 1; i <= length; i++) {
            byte[] payload = {(byte) (i % 8), 0, 0, (byte) (session.atc() >>> 8), (byte) session.atc()};
            commands.add(new ScriptCommand(session.atc(), session.ca() + i, ActionType.WRITE_PARAMETER, payload)
                    .apdu(downKey, id));
        }
        return commands;
    }

    private static byte[] requestApdu() {
        return CardCommands.request(TransactionType.SYNC, 0, new byte[] {1, 2, 3, 4}, new byte[16]).bytes();
    }

    /**
     * javax.smartcardio in this JVM, as a program on the PC would do it: on the benchmark's main thread, or with
     * {@code onThread} the whole script handed to a thread of its own and waited for (as the agent runs a batch on
     * its card's thread), which tells the cost of that one hand-off each way from the agent's own.
     */
    private static final class Direct implements CardPath {
        private final Card card;
        private final CardChannel channel;
        private final ExecutorService onThread;

        Direct(String select, ExecutorService onThread) throws Exception {
            this.onThread = onThread;
            card = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(READER).connect("*");
            channel = card.getBasicChannel();
            requireOk(channel.transmit(new CommandAPDU(HEX.parseHex(select))).getSW(), "SELECT");
        }

        @Override
        public void runBlock(int length, int warmup, int scripts, long[] out, int from) throws Exception {
            for (int i = 0; i < warmup + scripts; i++) {
                var request = channel.transmit(new CommandAPDU(requestApdu()));
                requireOk(request.getSW(), "REQUEST");
                List<CommandAPDU> apdus = new ArrayList<>(length);
                script(UpstreamMessage.parse(request.getData()), length).forEach(c -> apdus.add(new CommandAPDU(c)));
                long t0 = System.nanoTime();
                if (onThread == null) {
                    send(apdus);
                } else {
                    onThread.submit(() -> send(apdus)).get();
                }
                long nanos = System.nanoTime() - t0;
                requireOk(channel.transmit(new CommandAPDU(CardCommands.ack().bytes())).getSW(), "ACK");
                if (i >= warmup) {
                    out[from + i - warmup] = nanos;
                }
            }
        }

        private Void send(List<CommandAPDU> apdus) throws Exception {
            for (CommandAPDU apdu : apdus) {
                int sw = channel.transmit(apdu).getSW();
                if (sw != 0x9000) { // the batch's acceptSw check, so that both paths do the same work
                    throw new IllegalStateException("EXECUTE answered " + Integer.toHexString(sw));
                }
            }
            return null;
        }

        @Override
        public void close() throws Exception {
            card.disconnect(false);
        }
    }

    /**
     * A page on the agent's WebSocket: REQUEST and ACK as {@code transmit}, the script as {@code transmit-batch}. The
     * page's scripts run on its WebSocket's event loop, as a browser page's script runs on the thread that gets its
     * messages: the clock starts as the batch is written and stops in the reply's handler.
     */
    private static final class ThroughAgent implements CardPath {
        private final AgentClient page;
        private final Context context;

        ThroughAgent(AgentFixture agent, Vertx vertx, String select) throws Exception {
            page = await(agent.page(vertx));
            context = await(page.call("connect", new JsonObject().put("reader", READER))
                    .map(connected -> Vertx.currentContext()));
            requireOk(await(transmit(select)), "SELECT");
        }

        private Future<JsonObject> transmit(String apdu) {
            return page.call("transmit", new JsonObject().put("apdu", apdu));
        }

        private static void requireOk(JsonObject reply, String what) {
            if (!"9000".equals(reply.getString("sw"))) {
                throw new IllegalStateException(what + " answered " + reply.getString("sw"));
            }
        }

        @Override
        public void runBlock(int length, int warmup, int scripts, long[] out, int from) throws Exception {
            Promise<Void> done = Promise.promise();
            context.runOnContext(v -> scripts(0, warmup + scripts, length, warmup, out, from).onComplete(done));
            done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        }

        /** Script {@code i} of {@code total}, then the next ones; on the page's event loop. */
        private Future<Void> scripts(int i, int total, int length, int warmup, long[] out, int from) {
            if (i == total) {
                return Future.succeededFuture();
            }
            return transmit(HEX.formatHex(requestApdu())).compose(reply -> {
                requireOk(reply, "REQUEST");
                String hex = reply.getString("response");
                JsonArray apdus = new JsonArray();
                script(UpstreamMessage.parseHex(hex.substring(0, hex.length() - 4)), length)
                        .forEach(c -> apdus.add(HEX.formatHex(c)));
                JsonObject payload = new JsonObject().put("apdus", apdus).put("acceptSw", new JsonArray().add("9000"));
                long t0 = System.nanoTime();
                return page.call("transmit-batch", payload).map(batch -> {
                    long nanos = System.nanoTime() - t0;
                    if (!batch.getBoolean("complete") || batch.getJsonArray("responses").size() != length) {
                        throw new IllegalStateException("the batch stopped: " + batch.encode());
                    }
                    if (i >= warmup) {
                        out[from + i - warmup] = nanos;
                    }
                    return batch;
                });
            }).compose(batch -> transmit(HEX.formatHex(CardCommands.ack().bytes())))
                    .compose(ack -> {
                        requireOk(ack, "ACK");
                        return scripts(i + 1, total, length, warmup, out, from);
                    });
        }

        @Override
        public void close() throws Exception {
            // With a reset, the answer comes once the agent let the card go: the direct path's connect that follows
            // must not race the agent's disconnect in the JDK's shared terminal (pcsc-lite crashes on that).
            await(page.call("disconnect", new JsonObject().put("reset", true)));
            await(page.close());
        }
    }

    private static void requireOk(int sw, String what) {
        if (sw != 0x9000) {
            throw new IllegalStateException(what + " answered " + Integer.toHexString(sw));
        }
    }

    private static void awaitCardPresent() throws Exception {
        var terminals = TerminalFactory.getInstance("PC/SC", null).terminals();
        for (int i = 0; i < 200; i++) {
            var t = terminals.getTerminal(READER);
            if (t != null && t.isCardPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the vpcd card never appeared");
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The line the lead's summary collects: the realistic script first, then the shorter ones. */
    static String summary(JsonObject results) {
        StringBuilder line = new StringBuilder("BENCH relay");
        JsonArray rows = results.getJsonArray("results");
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.getJsonObject(i);
            String suffix = i == 0 ? "" : "_" + r.getInteger("apdus");
            if (i == 0) {
                line.append(" apdus=").append(r.getInteger("apdus"));
            }
            line.append(String.format(Locale.ROOT, " direct_p50_ms%s=%.3f relayed_p50_ms%s=%.3f ratio%s=%.2f",
                    suffix, r.getDouble("directP50Ms"), suffix, r.getDouble("relayedP50Ms"), suffix,
                    r.getDouble("ratioP50")));
            if (i == 0) {
                line.append(String.format(Locale.ROOT, " direct_on_thread_p50_ms=%.3f ratio_to_on_thread=%.2f",
                        r.getDouble("directOnThreadP50Ms"), r.getDouble("ratioToDirectOnThreadP50")));
            }
            if (i == 0) {
                line.append(String.format(Locale.ROOT, " direct_p99_ms=%.3f relayed_p99_ms=%.3f",
                        r.getDouble("directP99Ms"), r.getDouble("relayedP99Ms")));
            }
        }
        JsonArray load = results.getJsonArray("loadAverage1m");
        line.append(String.format(Locale.ROOT, " load1m=%.2f..%.2f", load.getDouble(0), load.getDouble(1)));
        return line.toString();
    }

    /** Removes a directory and everything under it, if it is still there; says so on stderr if it cannot. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not remove " + dir + ": " + e);
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--out FILE] [--blocks N] [--scripts N] [--warmup N]"
                        + " [--lengths 8,3,1]; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    private static double round(double ratio) {
        return Math.round(ratio * 1000) / 1000.0;
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
