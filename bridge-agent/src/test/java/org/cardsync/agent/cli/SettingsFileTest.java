package org.cardsync.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The installed agent starts with a fixed command line: agent.properties is how a user changes its port. */
class SettingsFileTest {

    @TempDir
    Path dir;

    private RunCommand parseRun(Path settings, String... args) {
        CommandLine cli = new CommandLine(new AgentCommand()).setDefaultValueProvider(new SettingsFile(settings));
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void theSettingsFileGivesRunItsPortAndLogFile() throws Exception {
        Path settings = Files.writeString(dir.resolve(SettingsFile.NAME), "port=24777\nlog-file=/tmp/x/agent.log\n");
        RunCommand run = parseRun(settings, "run");
        assertThat(run.port).isEqualTo(24777);
        assertThat(run.logFile).isEqualTo("/tmp/x/agent.log");
    }

    @Test
    void theCommandLineWinsOverTheSettingsFile() throws Exception {
        Path settings = Files.writeString(dir.resolve(SettingsFile.NAME), "port=24777\n");
        assertThat(parseRun(settings, "run", "--port", "24600").port).isEqualTo(24600);
    }

    @Test
    void withoutASettingsFileTheBuiltInDefaultsHold() {
        RunCommand run = parseRun(dir.resolve("absent.properties"), "run");
        assertThat(run.port).isEqualTo(24511);
        assertThat(run.logFile).isNull();
    }

    @Test
    void logFileWithoutAPath_meansThePerUserLogFile() {
        RunCommand run = parseRun(dir.resolve("absent.properties"), "run", "--log-file");
        assertThat(run.logFile).isEmpty();
    }

    @Test
    void thePerUserLogFile_followsXdgStateHome_andEachSystemsCustom() {
        assertThat(LogFile.defaultFor(Map.of("XDG_STATE_HOME", "/s"), "/home/u", "Linux"))
                .isEqualTo(Path.of("/s/cardsync-agent/agent.log"));
        assertThat(LogFile.defaultFor(Map.of("XDG_STATE_HOME", "relative"), "/home/u", "Linux"))
                .isEqualTo(Path.of("/home/u/.local/state/cardsync-agent/agent.log"));
        assertThat(LogFile.defaultFor(Map.of(), "/Users/u", "Mac OS X"))
                .isEqualTo(Path.of("/Users/u/Library/Logs/cardsync-agent/agent.log"));
        assertThat(LogFile.defaultFor(Map.of("LOCALAPPDATA", "/l"), "/u", "Windows 11"))
                .isEqualTo(Path.of("/l/cardsync-agent/logs/agent.log"));
    }
}
