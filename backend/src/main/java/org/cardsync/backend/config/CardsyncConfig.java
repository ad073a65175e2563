package org.cardsync.backend.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * cardsync's own configuration: every {@code cardsync.*} key the backend reads, in one place, one mapping
 * per concern. Values come from application.properties (grouped by concern, profile overrides beside their
 * base key), system properties or the environment ({@code CARDSYNC_KEYS_MASTER_1} for
 * {@code cardsync.keys.master.1}). Counter semantics are not configurable (ARCHITECTURE.md section 3): these
 * are keys and policies only.
 *
 * <p>One mapping per concern rather than one root at {@code cardsync}: SmallRye refuses to start when a
 * property under a mapping's prefix maps to nothing, and other {@code cardsync.*} properties exist that are
 * not the backend's (the test-vector path the build passes to every module's tests, for one).
 */
public final class CardsyncConfig {
    private CardsyncConfig() {
    }

    /** Issuer master keys (rule 10). */
    @ConfigMapping(prefix = "cardsync.keys")
    public interface Keys {
        /**
         * {@code cardsync.keys.master.<version>}: the issuer master key of each key version, 32 hex digits
         * (AES-128). Supply them from the environment or a key store in production, never from this
         * repository; the published demo key is set only in the dev, test and demo profiles, and the prod
         * profile refuses to start with it.
         */
        Map<Integer, String> master();

        /** {@code cardsync.keys.current-version}: the key version new card applications are issued with. */
        @WithDefault("1")
        int currentVersion();

        /**
         * {@code cardsync.keys.store}: where the master keys live: {@code config} (the keys above, in memory: the
         * demo) or {@code pkcs11} (non-extractable keys in a PKCS#11 token, labelled {@code cardsync-master-v<N>}).
         */
        @WithDefault("config")
        Store store();

        /** The PKCS#11 token, when {@code cardsync.keys.store=pkcs11}. */
        Pkcs11 pkcs11();

        /** The derived card keys kept in memory between messages (keys/DerivedKeyCache; docs/security.md). */
        Cache cache();

        enum Store { CONFIG, PKCS11 }

        interface Cache {
            /**
             * {@code cardsync.keys.cache.max-entries}: at most this many derived keys in memory, two per card
             * application in a session; 0 turns the cache off (every message derives its keys again).
             */
            @WithDefault("10000")
            @Min(0)
            long maxEntries();

            /** {@code cardsync.keys.cache.idle}: a derived key unused this long is dropped and wiped. */
            @WithDefault("PT10M")
            Duration idle();
        }

        interface Pkcs11 {
            /** {@code cardsync.keys.pkcs11.config}: the SunPKCS11 configuration file (library, slot, attributes). */
            Optional<String> config();

            /** {@code cardsync.keys.pkcs11.pin}: the token's user PIN, from the environment (never a file in git). */
            Optional<String> pin();
        }
    }

    /** How scripts are built and retried. */
    @ConfigMapping(prefix = "cardsync.scripts")
    public interface Scripts {
        /**
         * {@code cardsync.scripts.max-actions}: at most this many actions per script (each is one EXECUTE
         * APDU in the session); the rest wait for the next session.
         */
        @WithDefault("8")
        @Min(1)
        int maxActions();

        /**
         * {@code cardsync.scripts.merit-retry-limit}: an action the card refuses on its merits this many times
         * becomes FAILED instead of being resent (rule 6).
         */
        @WithDefault("3")
        @Min(1)
        int meritRetryLimit();
    }

    /** The one-time server challenges an AUTHENTICATE REQUEST echoes. */
    @ConfigMapping(prefix = "cardsync.challenges")
    public interface Challenges {
        /** {@code cardsync.challenges.ttl}: how long a challenge stays valid, as an ISO-8601 duration. */
        @WithDefault("PT5M")
        Duration ttl();

        /**
         * {@code cardsync.challenges.max-live-per-client} (20): unused, unexpired challenges one client address may
         * hold at once; one more is refused with TOO_MANY_REQUESTS until one is used or expires. A page needs one per
         * card proof; the rate per client is {@code cardsync.terminal.rate-limit.challenges-per-client}.
         */
        @WithDefault("20")
        @Min(1)
        int maxLivePerClient();

        /**
         * {@code cardsync.challenges.max-live} (10000): unused, unexpired challenges of all clients together; one more
         * is refused with CHALLENGES_EXHAUSTED. Bounds the table against a flood from many addresses.
         */
        @WithDefault("10000")
        @Min(1)
        int maxLive();

        /**
         * {@code cardsync.challenges.max-live-per-network} (100): unused, unexpired challenges the clients of one network
         * (IPv4 /24, IPv6 /48) may hold at once; one more is refused with TOO_MANY_REQUESTS. Stops one host or
         * subscriber holding many addresses (a home's IPv6 /48 is 65,536 client keys) from taking {@code max-live}.
         */
        @WithDefault("100")
        @Min(1)
        int maxLivePerNetwork();

        /**
         * {@code cardsync.challenges.purge-interval} (PT1M): expired challenges are deleted at most this often, by the
         * first challenge request after the interval, not by every one.
         */
        @WithDefault("PT1M")
        Duration purgeInterval();
    }

    /** The demo data. */
    @ConfigMapping(prefix = "cardsync.demo")
    public interface Demo {
        /**
         * {@code cardsync.demo.seed}: seed the demo users and the demo card at start; true only in the dev,
         * test and demo profiles (their passwords and keys are published).
         */
        @WithDefault("false")
        boolean seed();
    }

    /** Browser sign-in: sessions and the throttling of failed sign-ins (docs/api.md "Signing in"). */
    @ConfigMapping(prefix = "cardsync.sign-in")
    public interface SignIn {
        /**
         * {@code cardsync.sign-in.idle-timeout}: a session nobody has used for this long is over (ISO-8601
         * duration); every request made with it counts as use.
         */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /**
         * {@code cardsync.sign-in.absolute-timeout}: a session is over this long after its sign-in however busy
         * it is, so a stolen cookie does not live for ever.
         */
        @WithDefault("PT12H")
        Duration absoluteTimeout();

        /**
         * {@code cardsync.sign-in.failures-per-account} (5): failed sign-ins allowed per user name from one client
         * address within {@code failure-window} before further attempts for that name from that client get
         * TOO_MANY_ATTEMPTS (known or unknown names alike, so the limit tells nothing about which exist). Counted per
         * client so that failing on purpose from one address does not lock the owner out.
         */
        @WithDefault("5")
        @Min(1)
        int failuresPerAccount();

        /**
         * {@code cardsync.sign-in.failures-per-account-all-clients} (100): failed sign-ins allowed per user name
         * from all clients together within {@code failure-window}: bounds guessing against one account from many
         * addresses, high enough that locking an owner out takes that many addresses' attempts.
         */
        @WithDefault("100")
        @Min(1)
        int failuresPerAccountAllClients();

        /**
         * {@code cardsync.sign-in.failures-per-client} (20): failed sign-ins allowed per client address within
         * {@code failure-window}, whatever the user names tried (stops one client spraying many accounts).
         */
        @WithDefault("20")
        @Min(1)
        int failuresPerClient();

        /** {@code cardsync.sign-in.failure-window}: the window the three limits above count in (ISO-8601). */
        @WithDefault("PT15M")
        Duration failureWindow();
    }

    /** The customer portal (docs/api.md, "Portal API"). */
    @ConfigMapping(prefix = "cardsync.portal")
    public interface Portal {
        /**
         * {@code cardsync.portal.catalogue}: where the issuer's catalogue is (products, parameters, services;
         * docs/api.md "Catalogue"): {@code classpath:NAME} or a file path. The dev, test and demo profiles use
         * the demo catalogue; the prod profile ships none, so until the issuer sets one the portal shows every
         * application as an uncatalogued "Card application" without parameters or services.
         */
        Optional<String> catalogue();

        /**
         * {@code cardsync.portal.demo-payments}: serve the demo payment provider ({@code POST
         * /api/demo-payments/{id}}), which marks a payment paid without any money moving. True only in the dev,
         * test and demo profiles; elsewhere the endpoint answers 404.
         */
        @WithDefault("false")
        boolean demoPayments();

        /**
         * {@code cardsync.portal.agent-jar}: the bridge agent's jar that {@code GET /downloads/cardsync-agent.jar}
         * serves; unset: no download is offered (scripts/run sets it to the jar it built).
         */
        Optional<Path> agentJar();

        /**
         * {@code cardsync.portal.agent-packages}: a directory of the agent's installable packages (.deb, .msi, .pkg:
         * what the agent's build writes to bridge-agent/target/jpackage), each offered with its size and SHA-256
         * at {@code GET /downloads/agent/NAME}; unset: none offered (scripts/run sets it).
         */
        Optional<Path> agentPackages();

        /**
         * {@code cardsync.portal.activation-attempts}: wrong activation codes a card may be sent (each with a
         * valid card proof) before its code stops working and the helpdesk must issue a new one.
         */
        @WithDefault("5")
        @Min(1)
        int activationAttempts();
    }

    /**
     * Live change notices across backend instances (PostgreSQL LISTEN/NOTIFY on channel {@code cardsync_changed},
     * docs/architecture.md): each instance keeps one connection of its own that LISTENs, opened with the datasource's
     * JDBC URL, user name and password ({@code quarkus.datasource.jdbc.url}, {@code .username}, {@code .password}).
     */
    @ConfigMapping(prefix = "cardsync.live")
    public interface Live {
        /**
         * {@code cardsync.live.reconnect-delay} (PT1S): how long the listener waits before opening a new connection
         * after its connection broke; doubled after every failed attempt up to {@code max-reconnect-delay}.
         */
        @WithDefault("PT1S")
        Duration reconnectDelay();

        /** {@code cardsync.live.max-reconnect-delay} (PT30S): the longest wait between two attempts. */
        @WithDefault("PT30S")
        Duration maxReconnectDelay();

        /**
         * {@code cardsync.live.heartbeat} (PT15S): an idle LISTEN connection is checked this often, so that one that
         * died without a word (a dropped network path) is replaced within about this long.
         */
        @WithDefault("PT15S")
        Duration heartbeat();
    }

    /**
     * Rate limits of the unauthenticated terminal API ({@code POST /api/terminal/**}, docs/api.md "Rate limits"):
     * token buckets of this instance that refill evenly over {@code window}; a request over a limit is answered 429
     * TOO_MANY_REQUESTS before any database work. The defaults leave honest terminals alone (a card session is two or
     * three messages; many customers may share one NAT address); the benchmark and the test profile raise them.
     */
    @ConfigMapping(prefix = "cardsync.terminal.rate-limit")
    public interface TerminalRateLimit {
        /**
         * {@code cardsync.terminal.rate-limit.per-client} (600): card messages (REQUEST, ACK, INFO) one client address
         * ({@code ClientAddress}: an IPv4 address or an IPv6 /64) may post per window, whatever cards they name.
         */
        @WithDefault("600")
        @Min(1)
        int perClient();

        /**
         * {@code cardsync.terminal.rate-limit.per-application} (60): rejected messages naming one card application
         * that are recorded one by one per window, from all clients together. Bounds what a flood of forged messages
         * naming one card costs (audit rows, alerts, notices); never refuses a message whose MAC verifies.
         */
        @WithDefault("60")
        @Min(1)
        int perApplication();

        /**
         * {@code cardsync.terminal.rate-limit.signed-per-application} (60): messages the card itself signed (MAC
         * verified, ATC fresh) naming one card application that are processed per window, from all clients together;
         * more are refused with CARD_TOO_BUSY and change nothing, as if lost on the way (the next one settles). Bounds
         * what a terminal holding the card can make the server write by having it sign message after message; only
         * the card can spend it, so nobody else can lock the card out with it.
         */
        @WithDefault("60")
        @Min(1)
        int signedPerApplication();

        /** {@code cardsync.terminal.rate-limit.challenges-per-client} (120): challenges per client per window. */
        @WithDefault("120")
        @Min(1)
        int challengesPerClient();

        /** {@code cardsync.terminal.rate-limit.window} (PT1M): the window the four limits count in (ISO-8601). */
        @WithDefault("PT1M")
        Duration window();
    }
}
