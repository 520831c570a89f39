package com.stockcount.scaningest.infrastructure.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.scaningest.rfid.Epc;
import com.stockcount.scaningest.scan.ObservationIds;
import com.stockcount.scaningest.support.ObservationLog;
import com.stockcount.scaningest.support.SharedKafka;
import com.stockcount.testsupport.SharedInfrastructure;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With {@code stockcount.scan-ingest.publish-batches}, what count-service receives: one record per session and
 * request, split every 1,000 observations, each observation with the id it would have had on its own.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@TestProfile(BatchedPublishingTest.Batches.class)
class BatchedPublishingTest {

    @Test
    void aSledsBatchOf2300NewTagsIsThreeRecordsOfAtMost1000InTheOrderRead() {
        String device = "sled-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        bind(device, session);
        List<String> tags = IntStream.range(0, 2300).mapToObj(i -> Epc.encodeSgtin96(1, "0614141", "812345", Integer.toString(i)))
                .toList();
        // every tag twice: the repeats are duplicates, not observations
        List<String> reads = Stream.concat(tags.stream(), tags.stream()).toList();

        given().contentType(ContentType.JSON).header("X-Correlation-Id", "corr-b")
                .body(Map.of("readAt", "2025-06-15T10:00:00Z", "epcs", reads))
                .post("/devices/{d}/reads", device)
                .then().statusCode(202).body("published", equalTo(2300)).body("duplicates", equalTo(2300));

        List<ConsumerRecord<String, byte[]>> records = ObservationLog.read(bootstrap(), session, 3);
        assertThat(records).extracting(EventRecords::eventType).containsOnly(ScanObservationBatch.TYPE);
        List<ScanObservationBatch> batches = records.stream().map(r -> Json.read(r.value(), ScanObservationBatch.class)).toList();
        assertThat(batches).extracting(b -> b.observations().size()).containsExactly(1000, 1000, 300);
        assertThat(batches).extracting(ScanObservationBatch::sessionId).containsOnly(session);
        assertThat(records).extracting(EventRecords::eventId)
                .containsExactlyElementsOf(batches.stream().map(ScanObservationBatch::batchId).toList())
                .doesNotHaveDuplicates();
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(session);
            assertThat(EventRecords.header(record, EventHeaders.SCHEMA_VERSION)).contains("1");
            assertThat(EventRecords.header(record, EventHeaders.OCCURRED_AT)).contains("2025-06-15T10:00:00Z");
            assertThat(EventRecords.header(record, EventHeaders.CORRELATION_ID)).contains("corr-b");
        });
        assertThat(batches.stream().flatMap(b -> b.observations().stream()).map(ScanObserved::observationId))
                .containsExactlyElementsOf(tags.stream().map(tag -> ObservationIds.ofEpc(session, tag)).toList());
    }

    @Test
    void aHandheldsScansAreOneRecordKeepingTheBinLabelBetweenTheScansItSeparates() {
        String session = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON)
                .body("""
                        {"deviceId":"hh-7","scans":[
                          {"code":"4006381333931","scannedAt":"2025-06-15T10:00:00Z"},
                          {"code":"A-01-03","type":"bin","scannedAt":"2025-06-15T10:00:02Z"},
                          {"code":"036000291452","scannedAt":"2025-06-15T10:00:01Z"}]}""")
                .post("/sessions/{session}/scans", session)
                .then().statusCode(202).body("accepted", equalTo(3));

        List<ConsumerRecord<String, byte[]>> records = ObservationLog.read(bootstrap(), session, 1);
        assertThat(records).hasSize(1);
        // the record's time is that of its latest observation
        assertThat(EventRecords.header(records.get(0), EventHeaders.OCCURRED_AT)).contains("2025-06-15T10:00:02Z");
        assertThat(ObservationLog.observationsOf(records.get(0))).extracting(ScanObserved::kind, ScanObserved::code)
                .containsExactly(tuple(CodeKind.BARCODE, "4006381333931"),
                        tuple(CodeKind.BIN_LABEL, "A-01-03"),
                        tuple(CodeKind.BARCODE, "036000291452"));
    }

    private static void bind(String device, String session) {
        given().contentType(ContentType.JSON).body(Map.of("site", "STORE-001")).put("/devices/{d}", device).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("sessionId", session)).put("/devices/{d}/session", device)
                .then().statusCode(200);
    }

    private static String bootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }

    public static class Batches implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockcount.scan-ingest.publish-batches", "true");
        }
    }
}
