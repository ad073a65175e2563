package org.cardsync.backend.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableObserverMethod;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The demo-key guard ({@link IssuerKeyGuard}) is called by the running application at startup (what
 * {@link ConfigIssuerKeyStoreTest} and {@link Pkcs11IssuerKeyStoreTest} then exercise in the prod profile): it is an observer of the startup
 * event in the bean container, not a method nobody calls.
 */
@QuarkusTest
class IssuerKeyGuardRegistrationTest {

    @Test
    void keyStore_observesTheStartupEvent() {
        assertThat(Arc.container().<StartupEvent>resolveObserverMethods(StartupEvent.class))
                .extracting(InjectableObserverMethod::getBeanClass)
                .contains(IssuerKeyGuard.class);
    }
}
