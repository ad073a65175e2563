package org.cardsync.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    @Test
    void aBurstOfRefusals_isLoggedAsTheFirstFewThenOneSummaryPerInterval() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        long[] now = {0};
        RefusalLog log = new RefusalLog(logger, () -> now[0], 10_000);

        for (int i = 0; i < 3000; i++) {
            log.refused("127.0.0.1:" + (40000 + i % 1000), "origin https://evil.example is not on the allow-list");
        }
        now[0] = 10_000;
        log.flush();
        log.flush(); // a quiet interval adds nothing

        assertThat(lines).hasSize(RefusalLog.FULL_LINES + 1);
        assertThat(lines.get(0)).contains("127.0.0.1:40000", "https://evil.example");
        assertThat(lines.get(RefusalLog.FULL_LINES)).startsWith((3000 - RefusalLog.FULL_LINES) + " more");

        log.refused("127.0.0.1:50000", "2 Origin headers");
        assertThat(lines).hasSize(RefusalLog.FULL_LINES + 2).last().asString().contains("2 Origin headers");
    }
}
