package org.cardsync.backend.security.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What an attacker can make the sign-in throttle hold in memory. */
class SignInThrottleTest {
    private static SignInThrottle limits(int perAccount, int perClient) {
        return new SignInThrottle(perAccount, perAccount, perClient, Duration.ofMinutes(15));
    }

    @Test
    void aThrottledClient_inventingNames_addsNoBucketPerName() {
        SignInThrottle throttle = limits(5, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.take("name-" + i, "203.0.113.9")).isZero();
        }
        for (int i = 20; i < 1000; i++) {
            assertThat(throttle.take("name-" + i, "203.0.113.9")).isPositive();
        }
        assertThat(throttle.accountKeys()).as("20 names, each with an account-wide and a from-this-client bucket").isEqualTo(40);
    }

    @Test
    void names_differingOnlyInCase_shareOneBucket() {
        SignInThrottle throttle = limits(2, 100);
        assertThat(throttle.take("Alice", "203.0.113.10")).isZero();
        assertThat(throttle.take("ALICE", "203.0.113.11")).isZero();
        assertThat(throttle.take("alice", "203.0.113.12")).isPositive();
    }

    @Test
    void failuresFromOneClient_doNotLockTheAccountForOthers_untilTheAccountWideLimit() {
        SignInThrottle throttle = new SignInThrottle(5, 50, 1000, Duration.ofMinutes(15));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.take("bob", "203.0.113.20")).isZero();
        }
        assertThat(throttle.take("bob", "203.0.113.20")).as("the guessing client").isPositive();
        assertThat(throttle.take("bob", "203.0.113.21")).as("the owner elsewhere").isZero();
        for (int c = 0; c < 44; c++) {
            assertThat(throttle.take("bob", "198.51.100." + c)).isZero();
        }
        assertThat(throttle.take("bob", "203.0.113.22")).as("50 failures from anywhere").isPositive();
    }
}
