package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.cardsync.cardsim.tearing.BrokenVariant;
import org.junit.jupiter.api.Test;

/**
 * Power loss inside an APDU (issue 11 part 1, docs/reliability.md section 1): every command that writes,
 * torn before each of its persistent writes on card-sim's TearingCard, checked by {@link TearChecks}; and
 * the same checks catching, for every action type, each deliberately broken applet of
 * {@link TearRig#BROKEN_VARIANTS}: EXECUTE's CA + 1 moved after its commit (the variant), and
 * EXECUTE without its transaction.
 */
class TearingTest {

    @Test
    void everyWritingCommand_tornBeforeEachWrite_leavesAllOrNothing_stillWorks_andSettles_andBrokenVariantsAreCaught() {
        List<TornCommand> commands = TornCommand.all();
        int tearPoints = 0;
        List<String> violations = new ArrayList<>();
        for (TornCommand command : commands) {
            TearChecks.Result result = TearChecks.exhaust(command, null, rig -> { });
            assertThat(result.writes()).as("persistent writes of %s", command).isPositive();
            tearPoints += result.writes();
            violations.addAll(result.violations());
            System.out.println("tearing: " + command + ": " + result.writes() + " persistent writes, "
                    + result.violations().size() + " violations");
        }
        int variantRuns = 0;
        List<String> uncaught = new ArrayList<>();
        for (BrokenVariant variant : TearRig.BROKEN_VARIANTS) {
            for (TornCommand command : TornCommand.executes()) {
                variantRuns++;
                List<String> found = TearChecks.exhaust(command, variant, rig -> { }).violations();
                if (found.stream().noneMatch(violation -> violation.contains("half done"))) {
                    uncaught.add(variant + ", " + command + ": " + found);
                }
            }
        }

        System.out.println("RELIABILITY tearing commands=" + commands.size() + " tearPoints=" + tearPoints
                + " violations=" + violations.size() + " brokenVariantsCaught="
                + (variantRuns - uncaught.size()) + "/" + variantRuns);
        assertThat(violations).isEmpty();
        assertThat(uncaught).as("broken variants whose tears no check found half done").isEmpty();
    }
}
