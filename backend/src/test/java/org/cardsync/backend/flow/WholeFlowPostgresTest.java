package org.cardsync.backend.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.cardsync.backend.testsupport.PostgresProfile;

/** The whole-flow fault suite on real PostgreSQL, as in production. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class WholeFlowPostgresTest extends WholeFlowScenarios {
}
