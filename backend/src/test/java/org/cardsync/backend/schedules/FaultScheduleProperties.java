package org.cardsync.backend.schedules;

import io.restassured.RestAssured;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 11 part 2: many sessions of random actions between the real backend (in-process, on PostgreSQL) and the
 * real applet, under random fault schedules; after each schedule and a clean session, the card equals the
 * server's EXECUTED actions applied in order, nothing ran twice, every action ended, the counters agree, and
 * every rejected message that named the card is audited and alerted ({@link ScheduleInvariants}).
 *
 * <p>Never run on its own: it needs the backend that {@link FaultSchedulesTest} starts (jqwik cannot run as a
 * {@code @QuarkusTest}), which launches it and hands it the backend's port in {@link #PORT}. Surefire excludes it.
 */
class FaultScheduleProperties {
    static final String PORT = "cardsync.schedules.port";
    static final String SESSIONS = "cardsync.schedules.sessions";
    /** Where the run's summary line goes for the launching test (a system property: no class is shared). */
    static final String SUMMARY = "cardsync.schedules.summary";

    private static ScheduleTally total;
    private static long runs;

    @BeforeContainer
    static void connect() {
        Integer port = Integer.getInteger(PORT);
        if (port == null) {
            throw new IllegalStateException("these properties need the backend that FaultSchedulesTest starts: run that test");
        }
        RestAssured.port = port;
        total = new ScheduleTally();
        runs = 0;
    }

    @AfterContainer
    static void summarise() {
        System.setProperty(SUMMARY, total.reliabilityLine(runs));
    }

    @Property(maxDiscardRatio = 1)
    void theCardEqualsTheServersExecutedActions_afterAnyFaultSchedule(@ForAll("schedules") Schedule schedule) {
        ScheduleRun run = new ScheduleRun(new ScheduleTally());
        run.play(schedule);
        ScheduleInvariants.settle(run);
        List<String> violations = ScheduleInvariants.check(run);
        runs++;
        if (!violations.isEmpty()) {
            run.tally.violations = violations.size();
        }
        total.add(run.tally);
        if (!violations.isEmpty()) {
            throw new AssertionError("violated:\n  " + String.join("\n  ", violations)
                    + "\n\nstory: " + schedule
                    + "\n\nwhat happened (card " + run.cardId + ", application " + run.applicationId + "):\n"
                    + String.join("\n", run.log)
                    + "\n\n" + ScheduleInvariants.evidence(run));
        }
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        return ScheduleArbitraries.schedules(Integer.getInteger(SESSIONS, 6), true);
    }
}
