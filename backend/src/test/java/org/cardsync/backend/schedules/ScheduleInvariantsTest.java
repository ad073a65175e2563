package org.cardsync.backend.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault schedules' invariants ({@link ScheduleInvariants}) can fail: each test settles an honest run (which
 * passes them), then makes the server's record or the test's own record deliberately wrong, as a defect would,
 * and requires the check to say so. docs/reliability.md section 2.
 */
@QuarkusTest
class ScheduleInvariantsTest {
    @Inject
    EntityManager entities;

    /** A fresh card, a CREDIT 50 and a WRITE_PARAMETER queued and executed in clean sessions: every invariant holds. */
    private static ScheduleRun honestRun() {
        ScheduleRun run = new ScheduleRun(new ScheduleTally());
        run.queue(ActionSpec.credit(50).json());
        run.queue(ActionSpec.writeParameter(1, "0a0b").json());
        ScheduleInvariants.settle(run);
        assertThat(ScheduleInvariants.check(run)).as("an honest run").isEmpty();
        assertThat(run.actionIds()).hasSize(2);
        return run;
    }

    @Test
    void anActionAnswered201_thatTheServerNoLongerLists_isAViolation() {
        ScheduleRun run = honestRun();
        long lost = run.actionIds().get(1);
        sql("delete from action where id = " + lost);

        assertThat(ScheduleInvariants.check(run))
                .contains("action " + lost + " was accepted (201) but the server no longer lists it");
    }

    @Test
    void anExecutedActionTheServerRecordsAsCancelled_isAViolation_theCardHoldsItsEffect() {
        ScheduleRun run = honestRun();
        long credit = run.actionIds().get(0);
        sql("update action set state = 'CANCELLED', sequence_number = null where id = " + credit);

        assertThat(ScheduleInvariants.check(run))
                .contains("purse: card " + (CardModel.ISSUED_BALANCE + 50) + ", executed actions give " + CardModel.ISSUED_BALANCE)
                .anySatisfy(v -> assertThat(v).startsWith("EXECUTED sequence numbers [2] are not 1..2"));
    }

    @Test
    void anActionLeftQueued_isAViolation() {
        ScheduleRun run = honestRun();
        run.queue(ActionSpec.credit(7).json());
        long queued = run.actionIds().get(2);

        assertThat(ScheduleInvariants.check(run))
                .anySatisfy(v -> assertThat(v).startsWith("action " + queued + " (").endsWith(") ended QUEUED"));
    }

    @Test
    void theServerListingAnActionNobodyQueued_isAViolation() {
        List<String> v = ScheduleInvariants.sameActionsAsAccepted(List.of(1L), List.of(Map.of("id", 1), Map.of("id", 2)));

        assertThat(v).containsExactly("the server lists action 2, which nobody queued");
    }

    @Test
    void aRejectedMessageNotInTheAuditTrail_isAViolation() {
        ScheduleRun run = honestRun();
        // the test counts a rejection the server never saw: the server's audit and alerts count one fewer
        run.tally.rejected("BAD_MAC");

        assertThat(ScheduleInvariants.check(run))
                .anySatisfy(v -> assertThat(v).startsWith("1 rejected messages named the card {BAD_MAC=1}, 0 MESSAGE_REJECTED"));
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(statement).executeUpdate());
    }
}
