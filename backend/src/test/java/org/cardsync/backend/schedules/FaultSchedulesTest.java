package org.cardsync.backend.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Runs the jqwik fault schedules ({@link FaultScheduleProperties}) against this backend, in this JVM.
 *
 * <p>jqwik cannot run as a {@code @QuarkusTest} (jqwik-team/jqwik#487: Quarkus starts the application from
 * Jupiter's extension callbacks, which jqwik's engine never calls). So this Jupiter test, with the backend up on
 * the embedded PostgreSQL like every {@code @QuarkusTest}, launches the jqwik engine on the property class through
 * the JUnit Platform Launcher ({@link JqwikLaunch}), hands it the backend's port, and fails with jqwik's report (the
 * seed, the shrunk schedule's story) when the property fails or jqwik ran another number of tries than configured.
 * The backend stays in-process: the properties' requests reach the same Quarkus application, its database and its
 * transactions.
 *
 * <p>Size: {@code -Dcardsync.schedules.tries} (default 120, sized for CI: about a minute) and
 * {@code -Dcardsync.schedules.sessions} (sessions per schedule, default 6); scripts/soak-schedules runs a long one.
 */
@QuarkusTest
class FaultSchedulesTest {
    @TestHTTPResource("/")
    URL backend;

    @Test
    void randomFaultSchedules_neverLoseOrRepeatAnAction_andTheCardEqualsTheServer() {
        int tries = Integer.getInteger("cardsync.schedules.tries", 120);
        System.setProperty(FaultScheduleProperties.PORT, Integer.toString(backend.getPort()));
        System.clearProperty(FaultScheduleProperties.SUMMARY);
        JqwikLaunch.Result result;
        try {
            result = JqwikLaunch.run(FaultScheduleProperties.class, tries);
        } finally {
            // the backend stops with this test class: nothing may reach the properties' port afterwards
            System.clearProperty(FaultScheduleProperties.PORT);
        }

        String line = System.getProperty(FaultScheduleProperties.SUMMARY);
        // jqwik's report (the seed to reproduce a run) and the figures for docs/reliability.md (FAULTS-CONTRACT 6)
        System.out.println(result.report());
        System.out.println(line);
        // the property passed, and jqwik ran every configured try (zero or few tries fail here)
        result.requirePassed(tries);
        // and the property's body ran that often too: every try played a schedule and checked the invariants
        assertThat(line).as("the run's summary").startsWith("RELIABILITY schedules tries=" + tries + " ")
                .doesNotContain(" sessions=0 ").endsWith(" violations=0");
    }
}
