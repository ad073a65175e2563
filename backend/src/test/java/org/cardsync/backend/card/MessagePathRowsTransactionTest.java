package org.cardsync.backend.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.cardsync.backend.action.ActionRows;
import org.cardsync.backend.script.ScriptRows;
import org.junit.jupiter.api.Test;

/**
 * The message path's plain-SQL rows refuse to run outside the caller's transaction: there a row lock would end with
 * its statement and every write would commit on its own (rule 7 and exactly-once settlement lost without a sound).
 */
@QuarkusTest
class MessagePathRowsTransactionTest {
    @Inject
    CardApplicationRows applications;
    @Inject
    ScriptRows scripts;
    @Inject
    ActionRows actions;

    @Test
    void lock_outsideATransaction_failsInsteadOfTakingALockThatEndsWithTheStatement() {
        assertThatThrownBy(() -> applications.lock(1L)).isInstanceOf(TransactionalException.class);
    }

    @Test
    void scriptAndActionReads_outsideATransaction_fail() {
        assertThatThrownBy(() -> scripts.inFlight(1L)).isInstanceOf(TransactionalException.class);
        assertThatThrownBy(() -> actions.pendingHead(1L, 4)).isInstanceOf(TransactionalException.class);
    }

    @Test
    void lock_insideATransaction_runs() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> applications.lock(-1L))).isEmpty();
    }
}
