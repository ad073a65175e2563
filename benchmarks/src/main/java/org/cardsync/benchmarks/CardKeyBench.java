package org.cardsync.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cardsync.backend.config.CardsyncConfig;
import org.cardsync.backend.keys.CardKeys;
import org.cardsync.backend.keys.DerivedKeyCache;
import org.cardsync.backend.keys.IssuerKeyStore;
import org.cardsync.backend.keys.IssuerKeyStores;
import org.cardsync.protocol.CardApplicationId;
import org.cardsync.protocol.CmacKey;
import org.cardsync.protocol.UpstreamMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A card key as the backend gets one ({@code CardKeys}, master key in memory: {@code cardsync.keys.store=config},
 * the demo key): derived by the KDF (the derived-key cache off, as on a miss), or from the cache (a hit: every
 * message of a card application after its first verified one within the cache's idle time); and the message path's
 * CPU with a cached key: parse, key, MAC check ({@code CardKeys.verifies}, as the admission runs it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class CardKeyBench {
    CardKeys derived;
    CardKeys cached;
    CardApplicationId id;
    String requestHex;

    @Setup
    public void setUp() {
        IssuerKeyStore store = new IssuerKeyStores().issuerKeyStore(new ConfigKeys());
        derived = new CardKeys(store, new DerivedKeyCache(0, Duration.ofMinutes(10)));
        cached = new CardKeys(store, new DerivedKeyCache(10_000, Duration.ofMinutes(10)));
        requestHex = TestVectors.upstream("REQUEST PURCHASE 250").path("message").asText();
        UpstreamMessage request = UpstreamMessage.parseHex(requestHex);
        id = request.id();
        // a K_UP enters the cache only once a message's MAC verified with it, as in the backend
        if (!cached.verifies(1, request)) {
            throw new IllegalStateException("docs/test-vectors.json's REQUEST does not verify under the demo key");
        }
    }

    /** K_UP by the KDF (NIST SP 800-108 counter mode, AES-CMAC PRF): one CMAC under the master key, then the copy. */
    @Benchmark
    public CmacKey deriveUpKey() {
        return derived.upKey(1, id);
    }

    /** K_UP from the derived-key cache: the lookup by (key version, card application, purpose) and the copy. */
    @Benchmark
    public CmacKey cachedUpKey() {
        return cached.upKey(1, id);
    }

    /** The CPU of admitting one REQUEST, the database aside: parse the hex, K_UP from the cache, check the MAC. */
    @Benchmark
    public boolean parseAndVerifyWithCachedKey() {
        UpstreamMessage m = UpstreamMessage.parseHex(requestHex);
        return cached.verifies(1, m);
    }

    /** {@code cardsync.keys.store=config} with the demo master key as version 1, the cache settings unused. */
    static final class ConfigKeys implements CardsyncConfig.Keys {
        @Override
        public Map<Integer, String> master() {
            return Map.of(1, TestVectors.DEMO_MASTER_KEY);
        }

        @Override
        public int currentVersion() {
            return 1;
        }

        @Override
        public Store store() {
            return Store.CONFIG;
        }

        @Override
        public Pkcs11 pkcs11() {
            return new Pkcs11() {
                @Override
                public Optional<String> config() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> pin() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public Cache cache() {
            return new Cache() {
                @Override
                public long maxEntries() {
                    return 10_000;
                }

                @Override
                public Duration idle() {
                    return Duration.ofMinutes(10);
                }
            };
        }
    }
}
