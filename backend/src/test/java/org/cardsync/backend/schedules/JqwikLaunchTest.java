package org.cardsync.backend.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The launcher that runs the fault schedules ({@link JqwikLaunch}) fails its caller, hence the build, when a property
 * fails or runs fewer tries than configured: shown on two tiny property classes (nested, so surefire's exclude of
 * {@code **}{@code /*$*} keeps it from running them on their own).
 */
class JqwikLaunchTest {

    @Test
    void aFailingProperty_isReportedFailed_andFailsTheCaller() {
        JqwikLaunch.Result result = JqwikLaunch.run(AlwaysFails.class, 5);

        assertThat(result.found()).isEqualTo(1);
        assertThat(result.succeeded()).isZero();
        assertThat(result.failures()).anySatisfy(f -> assertThat(f).contains("FAILED").contains("no number is small"));
        assertThatThrownBy(() -> result.requirePassed(5)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the property failed");
    }

    @Test
    void aPassingProperty_withEveryConfiguredTry_passes() {
        JqwikLaunch.Result result = JqwikLaunch.run(AlwaysHolds.class, 7);

        assertThat(result.tries()).hasValue(7);
        result.requirePassed(7);
    }

    @Test
    void aPassingProperty_withFewerTriesThanConfigured_failsTheCaller() {
        JqwikLaunch.Result result = JqwikLaunch.run(StopsAfterThreeTries.class, 7);

        assertThat(result.failures()).isEmpty();
        assertThat(result.tries()).hasValue(3);
        assertThatThrownBy(() -> result.requirePassed(7)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("jqwik ran 3 tries, 7 configured");
    }

    @Test
    void zeroConfiguredTries_failTheCaller() {
        JqwikLaunch.Result result = JqwikLaunch.run(AlwaysHolds.class, 7);

        assertThatThrownBy(() -> result.requirePassed(0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a run of no schedule proves nothing");
    }

    static class AlwaysFails {
        @Property
        void everyNumberIsSmall(@ForAll @IntRange(min = 0, max = 1000) int n) {
            throw new AssertionError("no number is small: " + n);
        }
    }

    static class AlwaysHolds {
        @Property
        void everyNumberIsInItsRange(@ForAll @IntRange(min = 0, max = 1000) int n) {
            assertThat(n).isBetween(0, 1000);
        }
    }

    static class StopsAfterThreeTries {
        @Property(tries = 3)
        void everyNumberIsInItsRange(@ForAll @IntRange(min = 0, max = 1000) int n) {
            assertThat(n).isBetween(0, 1000);
        }
    }
}
