package org.cardsync.backend.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A SoftHSM2 token made with the very commands docs/security.md gives for a trial (softhsm2-util --init-token,
 * pkcs11-tool --write-object ... --sensitive), in a directory of this checkout's target/ (so that two checkouts never
 * share a token), and the SunPKCS11 configuration file that opens it.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} once, when a process first initialises the library: the test JVM gets it
 * from surefire's environment, and this class writes that file and runs the tools with the same variable.
 */
public final class SoftHsmToken {
    private static final List<String> LIBRARIES = List.of("/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so");
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    public final Path dir;
    public final Path conf;
    public final Path sunPkcs11Config;
    public final String pin;
    public final String library;
    public final long slot;

    private SoftHsmToken(Path dir, Path conf, Path sunPkcs11Config, String pin, String library, long slot) {
        this.dir = dir;
        this.conf = conf;
        this.sunPkcs11Config = sunPkcs11Config;
        this.pin = pin;
        this.library = library;
        this.slot = slot;
    }

    /**
     * Deletes every token of the SoftHSM2 configuration {@code conf} (written if missing; the token directory is beside
     * it). Only before the JVM first opens the library: SoftHSM2 lists its tokens once, at C_Initialize.
     */
    public static void wipe(Path conf) {
        try {
            Path tokens = conf.toAbsolutePath().getParent().resolve("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> walk = Files.walk(tokens)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty token labelled {@code label} with user PIN {@code pin}, and its SunPKCS11 file {@code <label>.cfg}. */
    public static SoftHsmToken create(Path conf, String label, String pin) {
        try {
            Path dir = conf.toAbsolutePath().getParent();
            String out = run(conf, "softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin,
                    "--so-pin", randomHex(8));
            Matcher m = SLOT.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("softhsm2-util did not say which slot it used: " + out);
            }
            long slot = Long.parseLong(m.group(1));
            String library = LIBRARIES.stream().filter(l -> Files.exists(Path.of(l))).findFirst().orElseThrow(
                    () -> new IllegalStateException("libsofthsm2.so not found (apt-get install softhsm2 opensc)"));
            Path sunPkcs11Config = dir.resolve(label + ".cfg");
            Files.writeString(sunPkcs11Config, sunPkcs11Config(label, library, slot));
            return new SoftHsmToken(dir, conf, sunPkcs11Config, pin, library, slot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SunPKCS11 configuration docs/security.md gives: every AES key it creates sensitive and non-extractable. */
    static String sunPkcs11Config(String name, String library, long slot) {
        return "name = " + name + "\n"
                + "library = " + library + "\n"
                + "slot = " + slot + "\n"
                + "attributes(*, CKO_SECRET_KEY, CKK_AES) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }

    /**
     * Imports a 16-byte AES key under {@code label} as docs/security.md says: sensitive, and not extractable (what
     * pkcs11-tool does without {@code --extractable}; {@code extractable} is for the tests of the refusal).
     */
    public void importAesKey(String label, byte[] key, boolean extractable) {
        Path file = dir.resolve(label + ".key");
        try {
            Files.write(file, key);
            List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", library, "--slot",
                    Long.toString(slot), "--login", "--pin", pin, "--write-object", file.toString(), "--type", "secrkey",
                    "--key-type", "AES:16", "--label", label, "--sensitive"));
            if (extractable) {
                command.add("--extractable");
            }
            run(conf, command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String run(Path conf, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toString());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command[0] + " interrupted", e);
        }
    }
}
