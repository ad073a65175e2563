package org.cardsync.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.cardsync.agent.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir
    Path configDir;

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void resetCard_refusesWhileTheCardIsInUse_andDeletesItsStateOnceFree() throws Exception {
        String dataDir = configDir.resolve("data").toString();
        java.nio.file.Path journal = org.cardsync.agent.sim.SimulatedCard.journalFile(
                configDir.resolve("data").resolve("cards"),
                org.cardsync.agent.sim.Personalisation.demoCardOrNull().cardId());
        try (org.cardsync.agent.sim.CardJournal inUse = org.cardsync.agent.sim.CardJournal.open(journal, false)) {
            inUse.append(new org.cardsync.agent.sim.CardJournal.CardIdentity(
                    org.cardsync.agent.sim.Personalisation.demoCardOrNull().cardId()));
            Result busy = run("reset-card", "--yes", "--data-dir", dataDir);
            assertThat(busy.exit()).isEqualTo(1);
            assertThat(busy.err()).contains("stop the agent or vpcd-card using it first");
            assertThat(journal).exists();
        }
        Result reset = run("reset-card", "--yes", "--data-dir", dataDir);
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(journal).doesNotExist();
    }

    @Test
    void help_listsEveryCommandWithExamples() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("run", "allow-origin", "list-origins", "revoke-origin", "vpcd-card",
                "reset-card", "Examples:", "cardsync-agent allow-origin https://portal.bank.example");
    }

    @Test
    void runHelp_explainsTheSimulatedCardAndThePort() {
        Result r = run("help", "run");
        assertThat(r.out()).contains("--simulated-card", "--port", "24511", "--card-file", "Examples:");
    }

    @Test
    void allowListRevoke_roundTripThroughTheConfigDirectory() {
        String dir = configDir.toString();
        assertThat(run("allow-origin", "https://portal.example", "--config-dir", dir).out())
                .contains("allowed https://portal.example");
        assertThat(run("list-origins", "--config-dir", dir).out())
                .contains("https://portal.example").doesNotContain(":8080");
        assertThat(run("revoke-origin", "https://portal.example", "--config-dir", dir).exit()).isZero();
        assertThat(run("list-origins", "--config-dir", dir).out()).doesNotContain("https://portal.example");
    }

    @Test
    void allowOrigin_withAPath_isRefusedWithAnExample() {
        Result r = run("allow-origin", "https://portal.example/login", "--config-dir", configDir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no path", "https://portal.bank.example");
    }

    @Test
    void allowOrigin_forPlainHttpElsewhere_warns() {
        Result r = run("allow-origin", "http://portal.example", "--config-dir", configDir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("warning", "https");
    }
}
