package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Power loss inside an APDU (issue 11 part 1, docs/reliability.md section 1): every command that writes,
 * torn before each of its persistent writes on card-sim's TearingCard, checked by {@link TearChecks}; and
 * the same checks catching a deliberately broken applet whose EXECUTE writes outside its transaction.
 */
class TearingTest {

    @Test
    void everyWritingCommand_tornBeforeEachWrite_leavesAllOrNothing_stillWorks_andSettles() {
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
        List<String> brokenVariant = brokenVariantViolations();

        System.out.println("RELIABILITY tearing commands=" + commands.size() + " tearPoints=" + tearPoints
                + " violations=" + violations.size() + " brokenVariantCaught=" + !brokenVariant.isEmpty());
        assertThat(violations).isEmpty();
        assertThat(brokenVariant).as("violations found in the applet without EXECUTE's transaction").isNotEmpty();
    }

    @Test
    void brokenVariant_withEffectAndCounterOutsideATransaction_isCaughtHalfDone_forEveryActionType() {
        for (TornCommand command : TornCommand.executes()) {
            TearChecks.Result result = TearChecks.exhaust(command, TearRig.EXECUTE_WITHOUT_TRANSACTION, rig -> { });

            assertThat(result.violations()).as("violations of %s without its transaction", command)
                    .anySatisfy(violation -> assertThat(violation).contains("half done"));
        }
    }

    private static List<String> brokenVariantViolations() {
        List<String> violations = new ArrayList<>();
        for (TornCommand command : TornCommand.executes()) {
            violations.addAll(TearChecks.exhaust(command, TearRig.EXECUTE_WITHOUT_TRANSACTION, rig -> { }).violations());
        }
        return violations;
    }
}
