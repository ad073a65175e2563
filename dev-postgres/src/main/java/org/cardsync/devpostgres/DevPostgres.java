package org.cardsync.devpostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher {@code ./scripts/run} starts as its own process: a {@link DurablePostgres} on a data directory,
 * its port written to a file once it accepts connections (the backend's password is in
 * {@code <data-dir>.password} by then), and a clean stop of PostgreSQL on SIGTERM or Ctrl-C. It exits by itself
 * if PostgreSQL dies, so that whoever started it notices.
 *
 * <pre>
 * java -jar dev-postgres/target/cardsync-dev-postgres.jar --data-dir data/postgres [--port N] [--port-file F]
 * </pre>
 */
public final class DevPostgres {
    private static final Logger LOG = LoggerFactory.getLogger(DevPostgres.class);
    private static final String USAGE =
            "usage: cardsync-dev-postgres --data-dir DIR [--port N (0 = a free one, the default)] [--port-file FILE]";

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private DevPostgres() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}\n{}", e.getMessage(), USAGE);
            System.exit(2);
            return;
        }
        DurablePostgres postgres;
        try {
            postgres = DurablePostgres.start(options.dataDirectory(), options.port());
        } catch (IllegalStateException e) {
            LOG.error("{}", e.getMessage());
            System.exit(1);
            return;
        }
        // SIGTERM and SIGINT run shutdown hooks: PostgreSQL stops cleanly before the launcher exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, options.portFile()), "dev-postgres-stop"));
        CompletableFuture<ProcessHandle> postmasterExit = ProcessHandle.of(postgres.postmasterPid())
                .map(ProcessHandle::onExit)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL exited during start-up"));
        if (options.portFile().isPresent()) {
            writeAtomically(options.portFile().get(), postgres.port() + "\n");
        }
        LOG.info("PostgreSQL is ready on {} (user {}, password in {}; data in {}, fsync and synchronous_commit on)",
                postgres.jdbcUrl(), DurablePostgres.USER, DurablePostgres.passwordFile(options.dataDirectory()),
                options.dataDirectory());
        postmasterExit.join();
        if (!STOPPING.get()) {
            LOG.error("PostgreSQL exited by itself; see the lines above");
            System.exit(1);
        }
    }

    private static void stop(DurablePostgres postgres, Optional<Path> portFile) {
        STOPPING.set(true);
        try {
            if (portFile.isPresent()) {
                Files.deleteIfExists(portFile.get());
            }
            postgres.close();
            LOG.info("PostgreSQL stopped");
        } catch (IOException e) {
            LOG.error("could not stop PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    /** Readers of the file never see it half-written: they poll for it and read the port at once. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    record Options(Path dataDirectory, int port, Optional<Path> portFile) {
        static Options parse(String[] args) {
            Path dataDirectory = null;
            int port = 0;
            Path portFile = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--data-dir" -> dataDirectory = Path.of(required(args[i], value));
                    case "--port" -> port = port(required(args[i], value));
                    case "--port-file" -> portFile = Path.of(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (dataDirectory == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            return new Options(dataDirectory.toAbsolutePath(), port, Optional.ofNullable(portFile));
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below, with the value
            }
            throw new IllegalArgumentException("--port must be a TCP port (0 to 65535), not " + value);
        }
    }
}
