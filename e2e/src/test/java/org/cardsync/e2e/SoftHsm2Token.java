package org.cardsync.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM2 token holding one issuer master key, made with the commands of docs/security.md ("Issuer keys in an
 * HSM"), in its own directory (so that parallel checkouts never share one), and the environment that points the
 * packaged backend at it: {@code cardsync.keys.store=pkcs11}, the SunPKCS11 file, the PIN, SOFTHSM2_CONF.
 */
final class SoftHsm2Token {
    private static final List<String> LIBRARIES = List.of("/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so");
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    private final Map<String, String> backendEnvironment;

    private SoftHsm2Token(Map<String, String> backendEnvironment) {
        this.backendEnvironment = backendEnvironment;
    }

    /** A token in {@code dir} whose key version 1 ({@code cardsync-master-v1}) is {@code masterKeyHex}, non-extractable. */
    static SoftHsm2Token withMasterKey(Path dir, String masterKeyHex) throws IOException {
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        String pin = randomHex(8);
        Matcher slot = SLOT.matcher(run(conf, "softhsm2-util", "--init-token", "--free", "--label", "cardsync",
                "--pin", pin, "--so-pin", randomHex(8)));
        if (!slot.find()) {
            throw new IllegalStateException("softhsm2-util named no slot");
        }
        String library = LIBRARIES.stream().filter(l -> Files.exists(Path.of(l))).findFirst()
                .orElseThrow(() -> new IllegalStateException("libsofthsm2.so not found (apt-get install softhsm2)"));
        Path keyFile = dir.resolve("master.key");
        Files.write(keyFile, HexFormat.of().parseHex(masterKeyHex));
        try {
            run(conf, "pkcs11-tool", "--module", library, "--slot", slot.group(1), "--login", "--pin", pin,
                    "--write-object", keyFile.toString(), "--type", "secrkey", "--key-type", "AES:16",
                    "--label", "cardsync-master-v1", "--sensitive");
        } finally {
            Files.delete(keyFile);
        }
        Path sunPkcs11 = dir.resolve("cardsync-pkcs11.cfg");
        Files.writeString(sunPkcs11, "name = cardsync\nlibrary = " + library + "\nslot = " + slot.group(1) + "\n"
                + "attributes(*, CKO_SECRET_KEY, CKK_AES) = {\n  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n");
        return new SoftHsm2Token(Map.of("SOFTHSM2_CONF", conf.toAbsolutePath().toString(),
                "CARDSYNC_KEYS_STORE", "pkcs11",
                "CARDSYNC_KEYS_PKCS11_CONFIG", sunPkcs11.toAbsolutePath().toString(),
                "CARDSYNC_KEYS_PKCS11_PIN", pin));
    }

    /** The environment variables that give the backend this token as its key store. */
    Map<String, String> backendEnvironment() {
        return backendEnvironment;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String run(Path conf, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command[0] + " interrupted", e);
        }
        return out;
    }
}
