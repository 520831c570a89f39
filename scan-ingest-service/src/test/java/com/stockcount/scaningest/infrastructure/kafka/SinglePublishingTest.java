package com.stockcount.scaningest.infrastructure.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.scaningest.support.ObservationLog;
import com.stockcount.scaningest.support.SharedKafka;
import com.stockcount.testsupport.SharedInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With {@code stockcount.scan-ingest.publish-batches=false}, for a count-service that does not read batches:
 * one {@code ScanObserved} record per observation, its event id the observation id.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@TestProfile(SinglePublishingTest.Singles.class)
class SinglePublishingTest {

    @Test
    void everyScanIsARecordOfItsOwnNamedByItsObservationId() {
        String session = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-1")
                .body("""
                        {"deviceId":"hh-7","scans":[
                          {"code":"036000291452"},
                          {"code":"4006381333931","scannedAt":"2025-06-15T10:00:00Z"},
                          {"id":"sn-scan-1","code":"SN-0042","type":"serial"}]}""")
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202).body("accepted", equalTo(3));

        List<ConsumerRecord<String, byte[]>> records = ObservationLog.read(bootstrap(), session, 3);
        assertThat(records).hasSize(3);
        for (ConsumerRecord<String, byte[]> record : records) {
            ScanObserved observed = Json.read(record.value(), ScanObserved.class);
            assertThat(record.key()).isEqualTo(session);
            assertThat(EventRecords.eventId(record)).isEqualTo(observed.observationId());
            assertThat(EventRecords.eventType(record)).isEqualTo(ScanObserved.TYPE);
            assertThat(EventRecords.header(record, EventHeaders.SCHEMA_VERSION)).contains("1");
            assertThat(EventRecords.header(record, EventHeaders.OCCURRED_AT)).contains(observed.observedAt().toString());
            assertThat(EventRecords.header(record, EventHeaders.CORRELATION_ID)).contains("corr-1");
        }
        assertThat(Instant.parse(EventRecords.header(records.get(1), EventHeaders.OCCURRED_AT).orElseThrow()))
                .isEqualTo(Instant.parse("2025-06-15T10:00:00Z"));
        assertThat(EventRecords.eventId(records.get(2))).isEqualTo("sn-scan-1");
    }

    private static String bootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }

    public static class Singles implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockcount.scan-ingest.publish-batches", "false");
        }
    }
}
