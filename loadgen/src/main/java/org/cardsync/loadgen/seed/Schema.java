package org.cardsync.loadgen.seed;

import org.flywaydb.core.Flyway;

/**
 * Brings the database to the backend's schema before seeding, with the backend's own migrations (copied into this
 * jar from backend/src/main/resources/db/migration at build time) and Flyway's usual history table: the backend
 * started afterwards finds them applied, with the same checksums, and migrates nothing.
 */
final class Schema {
    private Schema() {
    }

    /** The number of migrations applied now (0 when the database was already up to date). */
    static int migrate(String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load()
                .migrate().migrationsExecuted;
    }
}
