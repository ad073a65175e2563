package org.cardsync.backend.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Origin rule of the portal's WebSocket, case by case. */
class SameOriginUpgradeCheckTest {

    @Test
    void theBackendsOwnOrigin_isAccepted() {
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(SameOriginUpgradeCheck.sameOrigin("https://cards.example", "cards.example")).isTrue();
        assertThat(SameOriginUpgradeCheck.sameOrigin("HTTPS://Cards.Example", "cards.example")).isTrue();
    }

    @Test
    void anyOtherOrigin_isRefused() {
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://evil.example", "localhost:8080")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://localhost:8081", "localhost:8080")).as("another port").isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://localhost", "localhost:8080")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://cards.example.evil.example", "cards.example")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("null", "localhost:8080")).as("opaque origin").isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("file://localhost:8080", "localhost:8080")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://localhost:8080/page", "localhost:8080")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://user@localhost:8080", "localhost:8080")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin(null, "localhost:8080")).isFalse();
        assertThat(SameOriginUpgradeCheck.sameOrigin("http://localhost:8080", null)).isFalse();
    }
}
