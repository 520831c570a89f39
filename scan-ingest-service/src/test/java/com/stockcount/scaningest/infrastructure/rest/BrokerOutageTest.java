package com.stockcount.scaningest.infrastructure.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.scaningest.support.ObservationLog;
import com.stockcount.scaningest.support.SharedKafka;
import com.stockcount.testsupport.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while a device is sending: the device must hear so in bounded time and be
 * told when to come back, and its retried batch must not double any scan. Runs on a broker of its
 * own, so stopping it cannot disturb other tests in this JVM.
 */
@QuarkusTest
@TestProfile(BrokerOutageTest.OwnBroker.class)
class BrokerOutageTest {

    private static final String BATCH = """
            {"deviceId":"hh-9","scans":[{"code":"4006381333931","scannedAt":"2025-06-15T10:00:00Z"},
                                        {"code":"036000291452","scannedAt":"2025-06-15T10:00:01Z"}]}""";

    @Test
    void aBatchTheBrokerCannotAcknowledgeIsA503WithRetryAfterAndItsRetryIsSafe() {
        String session = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(BATCH).post("/sessions/{s}/scans", session).then().statusCode(202);

        DedicatedBroker.broker.stop();
        long started = System.nanoTime();
        given().contentType(ContentType.JSON).body(BATCH).post("/sessions/{s}/scans", session)
                .then().statusCode(503)
                .header("Retry-After", "7")
                .contentType("application/problem+json")
                .body("status", equalTo(503))
                .body("detail", containsString("did not acknowledge"));
        // the publish timeout is 2 s; the margin is for a loaded CI machine, far below the producer's 30 s delivery timeout
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Kafka connection health check' }.status", equalTo("DOWN"));
        // the lag of count-service is unknown, not a reassuring number, and scraping it does not wait for the broker
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(containsString("rfid_count_service_lag_records NaN")));

        DedicatedBroker.broker.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(BATCH).post("/sessions/{s}/scans", session)
                        .then().statusCode(202));

        // every copy on the topic carries one of the two ids of the first answer: the consumer applies each scan once
        List<String> ids = ObservationLog.observations(DedicatedBroker.broker.bootstrapServers(), session, 4).stream()
                .map(ScanObserved::observationId).toList();
        assertThat(ids.stream().distinct()).hasSize(2);
    }

    public static class OwnBroker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // short bounds keep the test quick; the production values are in application.properties
            return Map.of("stockcount.scan-ingest.publish-timeout", "2s",
                    "stockcount.scan-ingest.retry-after", "7s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DedicatedBroker.class));
        }
    }

    public static class DedicatedBroker implements QuarkusTestResourceLifecycleManager {

        static EmbeddedKafka broker;

        @Override
        public Map<String, String> start() {
            broker = EmbeddedKafka.forTests();
            Map<String, String> config = new java.util.HashMap<>(SharedKafka.database());
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            return config;
        }

        @Override
        public void stop() {
            broker.close();
        }
    }
}
