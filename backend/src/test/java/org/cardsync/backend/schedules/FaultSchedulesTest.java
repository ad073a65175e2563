package org.cardsync.backend.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the jqwik fault schedules ({@link FaultScheduleProperties}) against this backend, in this JVM.
 *
 * <p>jqwik cannot run as a {@code @QuarkusTest} (jqwik-team/jqwik#487: Quarkus starts the application from
 * Jupiter's extension callbacks, which jqwik's engine never calls). So this Jupiter test, with the backend up on
 * the embedded PostgreSQL like every {@code @QuarkusTest}, launches the jqwik engine on the property class through
 * the JUnit Platform Launcher, hands it the backend's port, and fails with jqwik's report (the seed, the shrunk
 * schedule's story) when a property fails. The backend stays in-process: the properties' requests reach the same
 * Quarkus application, its database and its transactions.
 *
 * <p>Size: {@code -Dcardsync.schedules.tries} (default 120, sized for CI: about 2 minutes) and {@code -Dcardsync.schedules.sessions}
 * (sessions per schedule, default 6); scripts/soak-schedules runs a long one.
 */
@QuarkusTest
class FaultSchedulesTest {
    @TestHTTPResource("/")
    URL backend;

    @Test
    void randomFaultSchedules_neverLoseOrRepeatAnAction_andTheCardEqualsTheServer() {
        System.setProperty(FaultScheduleProperties.PORT, Integer.toString(backend.getPort()));
        System.clearProperty(FaultScheduleProperties.SUMMARY);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FaultScheduleProperties.class))
                .filters(EngineFilter.includeEngines("jqwik"))
                .configurationParameter("jqwik.tries.default", System.getProperty("cardsync.schedules.tries", "120"))
                // jqwik's failure database (a failed sample is tried first next time) stays in the build's output
                .configurationParameter("jqwik.database", "target/jqwik-database")
                // every shrinking step replays a whole schedule against the backend: give it time to reach a short story
                .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
                // jqwik's report (seed, tries, the shrunk sample) through the platform, to this test's listener
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Reports reports = new Reports();
        try {
            LauncherFactory.create().execute(request, summary, reports);
        } finally {
            // the backend stops with this test class: nothing may reach the properties' port afterwards
            System.clearProperty(FaultScheduleProperties.PORT);
        }

        String line = System.getProperty(FaultScheduleProperties.SUMMARY);
        String report = String.join("\n", reports.entries);
        // jqwik's report (the seed to reproduce a run) and the figures for docs/reliability.md (FAULTS-CONTRACT 6)
        System.out.println(report);
        System.out.println(line);
        assertThat(summary.getSummary().getTestsFoundCount()).as("the property was found").isEqualTo(1);
        assertThat(reports.failures).as(report).isEmpty();
        assertThat(summary.getSummary().getTestsSucceededCount()).as(report).isEqualTo(1);
        assertThat(line).as("the run's summary").endsWith(" violations=0");
    }

    /** jqwik's report entries (seed, tries, the shrunk sample) and the failures, for the assertion messages. */
    private static final class Reports implements TestExecutionListener {
        final List<String> entries = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> entries.add(test.getDisplayName() + " " + key + ":\n" + value));
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            result.getThrowable().ifPresent(t -> failures.add(test.getDisplayName() + ": " + t.getMessage()));
        }
    }
}
