package org.cardsync.backend.flow;

import io.quarkus.test.junit.QuarkusTest;

/** The whole-flow fault suite on the embedded default, H2. */
@QuarkusTest
class WholeFlowH2Test extends WholeFlowScenarios {
}
