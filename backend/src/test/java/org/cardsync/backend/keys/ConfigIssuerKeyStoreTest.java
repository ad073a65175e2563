package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigIssuerKeyStoreTest {
    private static IssuerKeysConfig config(Map<Integer, String> keys) {
        return new IssuerKeysConfig() {
            @Override
            public Map<Integer, String> master() {
                return keys;
            }

            @Override
            public int currentVersion() {
                return 1;
            }
        };
    }

    @Test
    void prodProfileWithTheDemoKey_refusesToStart() {
        ConfigIssuerKeyStore store = new ConfigIssuerKeyStore(config(Map.of(1, "64656d6f2d6f6e6c792d6d6b2d763031")));
        assertThatThrownBy(() -> store.refuseDemoKeyInProduction(List.of("prod")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo master key");
        assertThatCode(() -> store.refuseDemoKeyInProduction(List.of("demo"))).doesNotThrowAnyException();
    }

    @Test
    void prodProfileWithARealKey_starts() {
        ConfigIssuerKeyStore store = new ConfigIssuerKeyStore(config(Map.of(1, "00112233445566778899aabbccddeeff")));
        assertThatCode(() -> store.refuseDemoKeyInProduction(List.of("prod"))).doesNotThrowAnyException();
    }

    @Test
    void missingOrMalformedKeys_areRefusedWithTheKeyName() {
        assertThatThrownBy(() -> new ConfigIssuerKeyStore(config(Map.of())))
                .hasMessageContaining("cardsync.keys.master.1");
        assertThatThrownBy(() -> new ConfigIssuerKeyStore(config(Map.of(1, "zz"))))
                .hasMessageContaining("not hex");
        assertThatThrownBy(() -> new ConfigIssuerKeyStore(config(Map.of(1, "0011"))))
                .hasMessageContaining("16 bytes");
    }
}
