package org.cardsync.backend.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The card search's query can be served by the V6 indexes (docs/performance.md "Card search"): with full scans
 * priced out, PostgreSQL's plan uses the trigram indexes on the customer columns and the btree on lower(card_id). On
 * the test database's few rows the planner would rightly prefer scanning; a query that no index matches (a changed
 * expression, a lost lower()) would show a sequential scan here even so.
 */
@QuarkusTest
class CardSearchPlanTest {
    @Inject
    EntityManager entities;

    private String plan(String q) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // full scans priced out, of the table or of an unrelated index (the unique index on username)
            entities.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            entities.createNativeQuery("set local enable_indexscan = off").executeUpdate();
            CardSearch.Matching m = CardSearch.matching(q);
            Query explain = entities.createNativeQuery("explain select count(*) from (" + m.sql() + ") m");
            m.parameters().forEach(explain::setParameter);
            return ((List<?>) explain.getResultList()).stream().map(Object::toString).collect(Collectors.joining("\n"));
        });
    }

    @Test
    void aNameOrEmailSearch_usesTheTrigramIndexes() {
        String plan = plan("martin");
        assertThat(plan).contains("ix_user_username_trgm", "ix_user_display_name_trgm", "ix_user_email_trgm")
                .doesNotContain("Seq Scan on user_account");
    }

    @Test
    void aHexSearch_alsoUsesTheCardIdIndex() {
        String plan = plan("0a1b2c");
        assertThat(plan).contains("ix_card_id_lower", "ix_user_display_name_trgm").doesNotContain("Seq Scan on card ");
    }
}
