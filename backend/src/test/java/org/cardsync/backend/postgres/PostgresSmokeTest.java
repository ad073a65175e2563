package org.cardsync.backend.postgres;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.assertj.core.api.Assertions;
import org.cardsync.backend.testsupport.PostgresProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class PostgresSmokeTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void backend_runsOnRealPostgresql_withTheFlywaySchema() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Assertions.assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().preemptive().basic("helpdesk", "helpdesk-demo").get("/api/cards").then().statusCode(200)
                .body("cardId", hasItem("0102030405060708"));
    }
}
