package org.cardsync.agent.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import org.cardsync.agent.wire.ErrorCode;
import org.cardsync.agent.wire.RequestException;
import org.junit.jupiter.api.Test;

/** A batch's acceptSw (docs/agent-protocol.md, "transmit-batch"). */
class StatusWordPatternsTest {

    @Test
    void absent_acceptsOnly9000() throws Exception {
        StatusWordPatterns accept = StatusWordPatterns.parse(null);
        assertThat(accept.accepts("9000")).isTrue();
        assertThat(accept.accepts("6A82")).isFalse();
    }

    @Test
    void xMatchesAnyDigit_inEitherCase() throws Exception {
        StatusWordPatterns accept = StatusWordPatterns.parse(new JsonArray().add("9000").add("63cx"));
        assertThat(accept.accepts("63C2")).isTrue();
        assertThat(accept.accepts("63CF")).isTrue();
        assertThat(accept.accepts("6300")).isFalse();
        assertThat(accept.accepts("9000")).isTrue();
    }

    @Test
    void notFourHexDigitsOrX_isInvalidMessage() {
        for (Object bad : new Object[] {"900", "90000", "9G00", 9000}) {
            assertThatThrownBy(() -> StatusWordPatterns.parse(new JsonArray().add(bad)))
                    .as(String.valueOf(bad))
                    .isInstanceOfSatisfying(RequestException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
        }
    }

    @Test
    void emptyOrNotAnArray_isInvalidMessage() {
        for (Object bad : new Object[] {new JsonArray(), "9000"}) {
            assertThatThrownBy(() -> StatusWordPatterns.parse(bad))
                    .isInstanceOfSatisfying(RequestException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
        }
    }
}
