package org.cardsync.backend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {
    @Test
    void readiness_isUpWithTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
    }

    @Test
    void portal_isServedFromTheBackendOrigin() {
        given().when().get("/")
                .then().statusCode(200)
                .body(containsString("<cardsync-portal>"));
    }

    @Test
    void demoPaymentPageAndDevelopersTerminal_areServedBesideThePortal() {
        given().when().get("/pay.html").then().statusCode(200).body(containsString("<cardsync-demo-payment>"));
        given().when().get("/terminal.html").then().statusCode(200).body(containsString("<cardsync-app>"));
    }
}
