package org.cardsync.loadgen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cardsync.loadgen.pgbench.PgbenchResult;
import org.cardsync.loadgen.sessions.SessionsResult;

/**
 * Reads a run's directory: {@code sessions-*.json} (written by {@code sessions}) and {@code pgbench-*.json}
 * (written by {@code pgbench}), paired by client count, in increasing order of terminals.
 */
final class RunReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReader() {
    }

    static List<RunPoint> read(Path directory) throws IOException {
        List<SessionsResult> sessions = new ArrayList<>();
        Map<Integer, PgbenchResult> pgbench = new HashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".json")) {
                    continue;
                }
                if (name.startsWith("sessions-")) {
                    sessions.add(JSON.readValue(file.toFile(), SessionsResult.class));
                } else if (name.startsWith("pgbench-")) {
                    PgbenchResult result = JSON.readValue(file.toFile(), PgbenchResult.class);
                    if (pgbench.put(result.clients(), result) != null) {
                        throw new IllegalArgumentException(directory + " holds two pgbench runs with "
                                + result.clients() + " clients");
                    }
                }
            }
        }
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException(directory + " holds no sessions-*.json");
        }
        return sessions.stream().sorted(Comparator.comparingInt(SessionsResult::terminals))
                .map(s -> new RunPoint(s, pgbench.get(s.terminals()))).toList();
    }
}
