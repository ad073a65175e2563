package org.cardsync.backend.portal;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start in the prod profile with the demo payment provider switched on
 * ({@code cardsync.portal.demo-payments}): anyone signed in could then mark their own top-up PAID and have the
 * server queue a CREDIT nobody paid for. A setting left on by mistake must stop the server, not serve money.
 */
@ApplicationScoped
public class DemoPaymentsGuard {
    void refuseDemoPaymentsInProduction(@Observes StartupEvent event, Config config) {
        boolean prod = config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod");
        if (prod && config.getOptionalValue("cardsync.portal.demo-payments", Boolean.class).orElse(false)) {
            throw new IllegalStateException("cardsync.portal.demo-payments is true in the prod profile; the demo "
                    + "payment provider marks top-ups paid without payment: switch it off");
        }
    }
}
