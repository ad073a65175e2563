package org.cardsync.agent.config;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Keeps a running agent's {@link OriginPolicy} equal to the allow-list on disk, which the user changes
 * with allow-origin / revoke-origin while the agent runs; the policy's listeners then close the sockets
 * of a revoked origin.
 *
 * <p>It re-reads the file's modification time every interval rather than using a WatchService: the file is
 * replaced by an atomic rename (which some WatchService implementations miss or report on the directory
 * only), macOS's WatchService polls anyway (every 10 s), and one stat call every 2 s costs nothing.
 */
public final class AllowListWatcher {

    private static final Logger LOG = Logger.getLogger(AllowListWatcher.class.getName());

    /** How often the file is looked at: the longest a revoked origin keeps its sockets. */
    public static final long DEFAULT_INTERVAL_MILLIS = 2000;

    private AllowListWatcher() {
    }

    /** Starts watching; returns the Vert.x timer id. */
    public static long start(Vertx vertx, long intervalMillis, OriginStore store, OriginPolicy policy,
            Set<WebOrigin> extras) {
        FileTime[] seen = {store.lastModified()};
        return vertx.setPeriodic(intervalMillis, id -> vertx.executeBlocking(() -> {
            FileTime now = store.lastModified();
            if (!Objects.equals(now, seen[0])) {
                try {
                    policy.replace(store.effective(extras));
                    // Only now: after a failed read (a hand edit caught half-written) the next tick tries again,
                    // or a revoked origin would stay allowed until the file happened to change once more.
                    seen[0] = now;
                    LOG.info("allow-list reloaded: " + policy.allowed());
                } catch (IOException e) {
                    LOG.warning("allow-list not reloaded, keeping the previous one until it reads: " + e.getMessage());
                }
            }
            return null;
        }));
    }
}
