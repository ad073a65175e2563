package org.cardsync.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.FileHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's log names origins, readers and cards (APDU bodies with --debug-apdu): other accounts keep out. */
class LogFileTest {

    @TempDir
    Path home;

    @Test
    void aNewLogAndItsDirectory_areOwnerOnly() throws Exception {
        Path log = home.resolve(".local/state/cardsync-agent").resolve(LogFile.NAME);
        FileHandler handler = LogFile.open(log);
        handler.close();
        assertThat(mode(log.getParent())).isEqualTo("rwx------");
        assertThat(mode(log)).isEqualTo("rw-------");
    }

    @Test
    void aLogLeftReadableByAnOlderAgent_isMadeOwnerOnly() throws Exception {
        Path log = Files.writeString(home.resolve(LogFile.NAME), "old line\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        FileHandler handler = LogFile.open(log);
        handler.close();
        assertThat(mode(log)).isEqualTo("rw-------");
        assertThat(Files.readString(log)).startsWith("old line");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
