package org.cardsync.backend.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
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
                // environment variables as Quarkus reads them (ordinal 300, QUARKUS_HTTP_HOST -> quarkus.http.host)
                .withSources(new EnvConfigSource(environment, 300)).build();
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

    /**
     * docs/api.md "Demo profile" said QUARKUS_HTTP_HOST could not move the demo's address; it can (an unprofiled
     * environment value outranks the profiled line of application.properties), so a container or shell exporting it
     * exposes the demo. The docs now say so; this pins it, and that it wins over CARDSYNC_BIND.
     */
    @Test
    void demoProfile_listensWhereQuarkusHttpHostSays_evenOverCardsyncBind() throws IOException {
        assertThat(demoConfig(Map.of("QUARKUS_HTTP_HOST", "0.0.0.0")).getValue("quarkus.http.host", String.class))
                .isEqualTo("0.0.0.0");
        assertThat(demoConfig(Map.of("QUARKUS_HTTP_HOST", "0.0.0.0", "CARDSYNC_BIND", "127.0.0.1"))
                .getValue("quarkus.http.host", String.class)).isEqualTo("0.0.0.0");
    }
}
