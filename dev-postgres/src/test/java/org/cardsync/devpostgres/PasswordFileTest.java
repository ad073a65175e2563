package org.cardsync.devpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
    @TempDir
    Path directory;

    @Test
    void create_writesARandomPassword_thatOnlyTheOwnerMayRead() throws Exception {
        Path file = directory.resolve("postgres.password");

        String first = PasswordFile.create(file);
        String second = PasswordFile.create(directory.resolve("other.password"));

        assertThat(first).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(second);
        assertThat(Files.readString(file)).isEqualTo(first + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(directory).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void readOrCreate_reusesTheFileItFinds() throws Exception {
        Path file = directory.resolve("postgres.password");
        String password = PasswordFile.create(file);

        assertThat(PasswordFile.readOrCreate(file)).isEqualTo(password);
    }

    @Test
    void read_aFileOpenedToOthers_makesItPrivateAgain() throws Exception {
        Path file = directory.resolve("postgres.password");
        String password = PasswordFile.create(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(PasswordFile.read(file)).isEqualTo(password);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void read_aMissingOrEmptyFile_isRefusedWithItsName() throws Exception {
        Path missing = directory.resolve("missing.password");
        assertThatThrownBy(() -> PasswordFile.read(missing))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(missing.toString());
        Path empty = Files.writeString(directory.resolve("empty.password"), "\n");
        assertThatThrownBy(() -> PasswordFile.read(empty))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
    }
}
