package org.cardsync.backend.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo profile publishes its passwords and its master key, so it listens on loopback only unless the person who
 * starts it says otherwise: otherwise anybody on the same network could sign in as admin with the published password.
 * Read from the backend's own application.properties, resolved as Quarkus resolves it.
 */
class DemoBindAddressTest {
    private static SmallRyeConfig demoConfig(Map<String, String> environment) throws IOException {
        URL properties = DemoBindAddressTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile("demo").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
    }

    @Test
    void demoProfile_listensOnLoopbackOnly_byDefault() throws IOException {
        assertThat(demoConfig(Map.of()).getValue("quarkus.http.host", String.class)).isEqualTo("127.0.0.1");
    }

    @Test
    void demoProfile_listensWhereCardsyncBindSays() throws IOException {
        assertThat(demoConfig(Map.of("CARDSYNC_BIND", "0.0.0.0")).getValue("quarkus.http.host", String.class))
                .isEqualTo("0.0.0.0");
    }
}
