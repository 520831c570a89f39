package com.stockcount.inventory.infrastructure;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class OperationsTest {

    @Test
    void readinessCoversTheDatabaseKafkaTheConsumerAndTheOutboxRelay() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("outbox-relay", "kafka-consumers")));
        when().get("/q/health/ready").then().body("checks.name.toString()", containsString("Database"));
        when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void everyEndpointIsInTheOpenApiDocument() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/sites", "/sites/{site}", "/sites/{site}/bins",
                        "/sites/{site}/bins/{bin}", "/products", "/products/{sku}", "/sites/{site}/receipts",
                        "/sites/{site}/picks", "/sites/{site}/quants", "/sites/{site}/quants/{quantId}",
                        "/sites/{site}/quants/{quantId}/units", "/sites/{site}/quants/{quantId}/quantity-at",
                        "/sites/{site}/ledger"));
    }

    @Test
    void metricsArePublished() {
        when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
