package org.cardsync.devpostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A random password in a file that only its owner may read or write (mode 0600): how the launcher hands the
 * database's passwords to the processes of the same operating-system user, and to nobody else on the machine.
 */
final class PasswordFile {
    /** rw------- from the moment the file exists: another local user must never get to read it. */
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> CREATED_OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFile() {
    }

    /** A new random password, written to {@code file} (any earlier one replaced at once, never half-written). */
    static String create(Path file) throws IOException {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp", CREATED_OWNER_ONLY);
        try {
            Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return password;
    }

    /** The password in {@code file}, or a new one written there if there is none yet. */
    static String readOrCreate(Path file) throws IOException {
        return Files.exists(file) ? read(file) : create(file);
    }

    /**
     * The password in {@code file}.
     *
     * @throws IllegalStateException if the file is missing or empty
     */
    static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no password file " + file);
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException("the password file " + file + " is empty");
        }
        // A file made readable to others by hand is made private again; its password may have leaked already.
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return password;
    }
}
