package org.cardsync.backend.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cardsync.backend.config.CardsyncConfig;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bridge agent's installable packages that this server offers ({@code cardsync.portal.agent-packages}: the
 * directory the agent's build writes them to, bridge-agent/target/jpackage; docs/agent.md): each .deb, .msi and
 * .pkg directly in it, with its size and SHA-256 so that a customer can check what they downloaded. Read from the
 * directory on each request (a new build shows at once); a file's checksum is computed once per size and
 * modification time.
 */
@ApplicationScoped
public class AgentPackages {

    /** What a package installs on. */
    @Schema(name = "AgentPackageFormat")
    public enum Format {
        /** Debian, Ubuntu and their derivatives */
        DEB,
        /** Windows */
        MSI,
        /** macOS */
        PKG
    }

    @Schema(name = "AgentPackage")
    public record AgentPackage(
            @Schema(required = true) String fileName,
            @Schema(required = true) Format format,
            @Schema(required = true, description = "where to download it, on this server") String url,
            @Schema(required = true, description = "bytes") long size,
            @Schema(required = true, description = "SHA-256 of the file, lower-case hex") String sha256) {
    }

    public static final String URL_PREFIX = "/downloads/agent/";

    /**
     * The names offered: letters, digits and . _ + ~ - only (jpackage's names are), so that a name is safe in a URL
     * path and in a Content-Disposition header as it is; a file named otherwise is not offered.
     */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+~-]{0,200}");

    private record Checksum(long size, FileTime modified, String sha256) {
    }

    private final Optional<Path> directory;
    private final Map<Path, Checksum> checksums = new ConcurrentHashMap<>();

    @Inject
    public AgentPackages(CardsyncConfig.Portal config) {
        this(config.agentPackages());
    }

    AgentPackages(Optional<Path> directory) {
        this.directory = directory;
    }

    /** The packages offered now, in a fixed order (by format, then name). */
    public List<AgentPackage> list() {
        if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory.get())) {
            return files.map(this::describe).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(AgentPackage::format).thenComparing(AgentPackage::fileName))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the agent packages in " + directory.get(), e);
        }
    }

    /**
     * The package offered under {@code fileName}. The name is looked up among the files listed, never resolved as a
     * path: a name such as {@code ../../etc/passwd} finds nothing (path traversal).
     */
    public Optional<AgentPackage> offered(String fileName) {
        return list().stream().filter(p -> p.fileName().equals(fileName)).findFirst();
    }

    /**
     * The content of a package that {@link #list()} offered, opened once with {@code O_NOFOLLOW}: the caller streams
     * this channel and never opens the path again. Stops a file swapped for a symbolic link between the listing's
     * check and the download (TOCTOU) from making this server hand out any file it can read. Empty when the file
     * has become a link or is gone since it was listed.
     */
    public Optional<SeekableByteChannel> open(AgentPackage offered) {
        try {
            return Optional.of(Files.newByteChannel(directory.orElseThrow().resolve(offered.fileName()),
                    StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            return Optional.empty(); // ELOOP (a link now) or gone: not served
        }
    }

    private Optional<AgentPackage> describe(Path file) {
        String name = file.getFileName().toString();
        Optional<Format> format = formatOf(name);
        if (format.isEmpty() || !SAFE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            // NOFOLLOW_LINKS: a symbolic link could make this server hand out any file it can read
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            Checksum known = checksums.get(file);
            if (known == null || known.size() != attributes.size()
                    || !known.modified().equals(attributes.lastModifiedTime())) {
                known = new Checksum(attributes.size(), attributes.lastModifiedTime(), sha256(file));
                checksums.put(file, known);
            }
            return Optional.of(new AgentPackage(name, format.get(), URL_PREFIX + name, known.size(), known.sha256()));
        } catch (IOException e) {
            return Optional.empty(); // vanished or unreadable while a build rewrites it: not offered this time
        }
    }

    static Optional<Format> formatOf(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Format f : Format.values()) {
            if (lower.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
