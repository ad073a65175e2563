package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The long variant of {@link TearingTest} (docs/reliability.md section 1): before every tear point of
 * every command that writes on a personalised application, a random session history
 * ({@link RandomHistory}). CI runs one history; {@code scripts/soak-tearing <count>} runs many
 * (system property {@code cardsync.tearing.histories}; {@code cardsync.tearing.seed} picks the first seed,
 * which a violation names so that it can be replayed).
 */
class TearingSoakTest {

    @Test
    void randomHistories_thenEveryTearPointOfEveryCommand_leaveAllOrNothing_andSettle() {
        int histories = Integer.getInteger("cardsync.tearing.histories", 1);
        long firstSeed = Long.getLong("cardsync.tearing.seed", 20261129L);
        int tearPoints = 0;
        List<String> violations = new ArrayList<>();
        for (int h = 0; h < histories; h++) {
            long seed = firstSeed + h;
            for (TornCommand command : TornCommand.all()) {
                if (!command.personalised()) {
                    // PERSONALISE has no history before it: TearingTest tears it.
                    continue;
                }
                TearChecks.Result result = TearChecks.exhaust(command, null, RandomHistory.of(seed));
                tearPoints += result.writes();
                result.violations().forEach(v -> violations.add("history seed " + seed + ": " + v));
            }
        }

        System.out.println("RELIABILITY tearing-soak histories=" + histories + " firstSeed=" + firstSeed
                + " tearPoints=" + tearPoints + " violations=" + violations.size());
        assertThat(violations).isEmpty();
    }
}
