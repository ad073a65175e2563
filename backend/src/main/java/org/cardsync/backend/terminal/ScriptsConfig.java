package org.cardsync.backend.terminal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How scripts are issued and retried. Counter semantics are not configurable; these are policies only. */
@ConfigMapping(prefix = "cardsync.scripts")
public interface ScriptsConfig {
    /** At most this many actions per script (each is one EXECUTE APDU in the session). */
    @WithDefault("8")
    int maxActions();

    /** An action refused on its merits this many times becomes FAILED instead of being resent. */
    @WithDefault("3")
    int meritRetryLimit();

    /** How long a server challenge for AUTHENTICATE stays valid. */
    @WithDefault("PT5M")
    Duration challengeTtl();
}
