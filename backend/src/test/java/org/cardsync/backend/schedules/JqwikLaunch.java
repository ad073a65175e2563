package org.cardsync.backend.schedules;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Runs the jqwik engine on one class of properties in this JVM, through the JUnit Platform Launcher, and answers
 * what happened: how many properties were found and passed, the failures, jqwik's report (the seed, the tries, the
 * shrunk sample) and the number of tries jqwik reports it ran. {@link #requirePassed} is the one verdict: a failed
 * property, a property not found, or fewer (or more) tries than configured fail the calling test, hence the build.
 * {@link FaultSchedulesTest} runs the fault schedules through it; {@link JqwikLaunchTest} shows that it fails.
 */
final class JqwikLaunch {
    /** jqwik's report line "tries = 120   | # of calls to property". */
    private static final Pattern TRIES = Pattern.compile("(?m)^tries = (\\d+)\\b");

    /** What one launch did. */
    record Result(long found, long succeeded, List<String> failures, List<String> entries) {
        /** jqwik's report entries (seed, tries, the shrunk sample), one text. */
        String report() {
            return String.join("\n", entries);
        }

        /** The tries jqwik reports for the property (summed over the class's properties); empty if it reported none. */
        OptionalLong tries() {
            long sum = 0;
            boolean any = false;
            for (String entry : entries) {
                Matcher m = TRIES.matcher(entry);
                while (m.find()) {
                    sum += Long.parseLong(m.group(1));
                    any = true;
                }
            }
            return any ? OptionalLong.of(sum) : OptionalLong.empty();
        }

        /**
         * Throws (with jqwik's report) unless exactly one property was found, it passed, and jqwik ran exactly
         * {@code tries} tries: a wrong or zero tries setting, or a generator that stops early, must not pass as a run.
         */
        void requirePassed(int tries) {
            if (tries < 1) {
                throw new AssertionError("the configured number of tries is " + tries + ": a run of no schedule proves nothing");
            }
            if (found != 1) {
                throw new AssertionError(found + " properties found, expected 1\n" + report());
            }
            if (!failures.isEmpty() || succeeded != 1) {
                throw new AssertionError("the property failed: " + failures + "\n" + report());
            }
            if (tries().orElse(-1) != tries) {
                throw new AssertionError("jqwik ran " + (tries().isPresent() ? tries().getAsLong() : "an unreported number of")
                        + " tries, " + tries + " configured\n" + report());
            }
        }
    }

    private JqwikLaunch() {
    }

    /** Runs the properties of {@code properties} with {@code tries} tries each (unless a property sets its own). */
    static Result run(Class<?> properties, int tries) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(properties))
                .filters(EngineFilter.includeEngines("jqwik"))
                .configurationParameter("jqwik.tries.default", Integer.toString(tries))
                // jqwik's failure database (a failed sample is tried first next time) stays in the build's output
                .configurationParameter("jqwik.database", "target/jqwik-database")
                // every shrinking step replays a whole schedule against the backend: give it time to reach a short story
                .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
                // jqwik's report (seed, tries, the shrunk sample) through the platform, to this launch's listener
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Reports reports = new Reports();
        LauncherFactory.create().execute(request, summary, reports);
        return new Result(summary.getSummary().getTestsFoundCount(), summary.getSummary().getTestsSucceededCount(),
                List.copyOf(reports.failures), List.copyOf(reports.entries));
    }

    /** jqwik's report entries and the failures. */
    private static final class Reports implements TestExecutionListener {
        final List<String> entries = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        @Override
        public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            entry.getKeyValuePairs().forEach((key, value) -> entries.add(test.getDisplayName() + " " + key + ":\n" + value));
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failures.add(test.getDisplayName() + ": " + result.getStatus()
                        + result.getThrowable().map(t -> " " + t.getMessage()).orElse(""));
            }
        }
    }
}
