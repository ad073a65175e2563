package org.cardsync.agent.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The user's origin allow-list on disk: {@code allowed-origins.json} in the agent's config directory,
 * {@code {"allowedOrigins":["https://portal.example", ...]}}. Only the user changes it, through the CLI
 * (allow-origin, revoke-origin): the WebSocket protocol has no message that touches it, so a page can
 * never grant itself access. Without the file, the backend's own origins are allowed.
 */
public final class OriginStore {

    /** The backend's origin in its default set-up (the web UI is served by the backend on port 8080). */
    public static final Set<WebOrigin> DEFAULT_ORIGINS = Set.of(
            WebOrigin.parse("http://localhost:8080"),
            WebOrigin.parse("http://127.0.0.1:8080"));

    static final String FILE_NAME = "allowed-origins.json";

    private final Path file;

    public OriginStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The allow-list: the file's, or the defaults when there is no file. */
    public Set<WebOrigin> load() throws IOException {
        return Files.exists(file) ? fileOrigins() : new LinkedHashSet<>(DEFAULT_ORIGINS);
    }

    /** The file's origins; none when there is no file. */
    private Set<WebOrigin> fileOrigins() throws IOException {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashSet<>();
        }
        Set<WebOrigin> origins = new LinkedHashSet<>();
        try {
            JsonArray list = new JsonObject(json).getJsonArray("allowedOrigins");
            if (list == null) {
                throw new IOException(file + ": no \"allowedOrigins\" array");
            }
            for (Object o : list) {
                origins.add(WebOrigin.parse((String) o));
            }
        } catch (DecodeException | ClassCastException | IllegalArgumentException e) {
            throw new IOException(file + " is not a valid allow-list: " + e.getMessage(), e);
        }
        return origins;
    }

    /**
     * The origins a run allows: the file's, plus the run's {@code --allow-origin} ones. The defaults apply
     * only when there is neither a file nor an {@code --allow-origin}: a user who names the origins they
     * want (a development server, the bank's portal) must not also leave the backend's demo origins open,
     * which any local web server on port 8080 could serve.
     */
    public Set<WebOrigin> effective(Set<WebOrigin> extras) throws IOException {
        Set<WebOrigin> all = Files.exists(file) || extras.isEmpty() ? load() : new LinkedHashSet<>();
        all.addAll(extras);
        return all;
    }

    /** The file's modification time, or null when there is no file: cheap change detection. */
    public FileTime lastModified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Adds an origin; returns false when it was already on the list. The first origin a user allows starts
     * a list of their own, without the defaults (the rule of {@link #effective}): copying the demo origins
     * into the file would leave whatever serves port 8080 allowed for good.
     */
    public boolean allow(WebOrigin origin) throws IOException {
        Set<WebOrigin> origins = fileOrigins();
        boolean added = origins.add(origin);
        if (added) {
            save(origins);
        }
        return added;
    }

    /** Removes an origin; returns false when it was not allowed. */
    public boolean revoke(WebOrigin origin) throws IOException {
        Set<WebOrigin> origins = load();
        boolean removed = origins.remove(origin);
        if (removed) {
            save(origins);
        }
        return removed;
    }

    private void save(Set<WebOrigin> origins) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        JsonArray list = new JsonArray();
        origins.forEach(o -> list.add(o.toString()));
        String json = new JsonObject().put("allowedOrigins", list).encodePrettily() + "\n";
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        createOwnerOnly(tmp);
        Files.writeString(tmp, json, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createOwnerOnly(Path path) throws IOException {
        // Other local users must not be able to add an origin for this user.
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path); // not POSIX (Windows): the profile directory is per-user already
        }
    }
}
