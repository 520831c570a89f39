package com.stockcount.reconciliation;

import static io.restassured.RestAssured.given;
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

/** What an operator checks on a running instance: readiness of every dependency, the API description. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "reconciliation"))
class OperationsTest {

    @Test
    void readyWhenKafkaTheDatabaseTheConsumersAndTheOutboxRelayAre() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then()
                        .statusCode(200)
                        .body("status", equalTo("UP"))
                        .body("checks.name", hasItems("outbox-relay", "kafka-consumers"))
                        .body("checks.find { it.name == 'kafka-consumers' }.data.'session-events'", equalTo("ok"))
                        .body("checks.find { it.name == 'kafka-consumers' }.data.'ledger-events'", equalTo("ok")));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theEndpointsAreDescribedInOpenApi() {
        given().get("/q/openapi").then()
                .statusCode(200)
                .body(containsString("/sessions/{id}/reconciliation/lines"))
                .body(containsString("ReconciliationSummary"));
    }
}
