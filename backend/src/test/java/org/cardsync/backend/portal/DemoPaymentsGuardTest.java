package org.cardsync.backend.portal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo payment provider never runs in production, whatever the operator configured. */
class DemoPaymentsGuardTest {
    private static SmallRyeConfig config(String profile, String demoPayments) {
        return new SmallRyeConfigBuilder().withProfile(profile)
                .withSources(new PropertiesConfigSource(Map.of("cardsync.portal.demo-payments", demoPayments),
                        "operator settings", 300))
                .build();
    }

    @Test
    void prodProfile_withDemoPayments_refusesToStart() {
        assertThatThrownBy(() -> new DemoPaymentsGuard().refuseDemoPaymentsInProduction(new StartupEvent(),
                config("prod", "true"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cardsync.portal.demo-payments");
    }

    @Test
    void prodProfile_withoutDemoPayments_andTheDemoProfile_withThem_start() {
        assertThatCode(() -> new DemoPaymentsGuard().refuseDemoPaymentsInProduction(new StartupEvent(),
                config("prod", "false"))).doesNotThrowAnyException();
        assertThatCode(() -> new DemoPaymentsGuard().refuseDemoPaymentsInProduction(new StartupEvent(),
                config("demo", "true"))).doesNotThrowAnyException();
    }
}
