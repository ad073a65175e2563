package org.cardsync.backend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void backend_runsOnRealPostgresql_withTheFlywaySchema() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Assertions.assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().auth().preemptive().basic("helpdesk", "helpdesk-demo").get("/api/cards").then().statusCode(200)
                .body("items.cardId", hasItem("0102030405060708"));
    }
}
