package com.stockcount.count;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.count.support.TopicReader;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The story of a bin counted with a barcode scanner: each scan of a product's GTIN adds one unit to
 * its line, a redelivered scan counts once, a scan of an unknown product is kept as unmatched, and a
 * scan that can never apply is parked on the dead-letter topic without holding up the scans behind it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class ScanFlowTest {

    private static final Instant SEEN = Instant.parse("2025-03-01T09:00:00Z");

    @BeforeAll
    static void inventory() {
        Inventory.site("STORE-2", List.of(
                InventoryStub.quant("s1", "SKU-21", "C-01", 4, "00000000000021"),
                InventoryStub.quant("s2", "SKU-22", "C-01", 6, "00000000000022")));
    }

    private static String countingSession() {
        JsonPath count = given().contentType("application/json")
                .body(Map.of("site", "STORE-2", "name", "Scanner count", "type", "HARD", "bin", "C-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String session = count.getString("sessions[0].id");
        given().post("/sessions/" + session + "/start").then().statusCode(200);
        return session;
    }

    private static ProducerRecord<String, byte[]> scan(String observationId, String session, String gtin, Integer partition) {
        ScanObserved scan = new ScanObserved(observationId, session, "handheld-7", CodeKind.BARCODE, gtin, gtin,
                null, null, null, SEEN);
        ProducerRecord<String, byte[]> record = EventRecords.event(Topics.SCAN_OBSERVATION, session, observationId,
                ScanObserved.TYPE, ScanObserved.VERSION, SEEN, null, scan);
        return partition == null ? record
                : new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    private static void send(ProducerRecord<String, byte[]>... records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-scanner", Map.of())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get();
            }
        }
    }

    private static JsonPath line(String session, int index) {
        return given().get("/sessions/" + session + "/lines").then().statusCode(200).extract().jsonPath()
                .setRootPath("items[" + index + "]");
    }

    @Test
    void scansCountUnitsOnceEachAndKeepUnknownCodesAsUnmatched() throws Exception {
        String session = countingSession();
        String first = UUID.randomUUID().toString();
        // the same observation delivered twice (a retrying scanner), another scan of the same product,
        // and a code that is no product of the bin
        send(scan(first, session, "00000000000022", null), scan(first, session, "00000000000022", null),
                scan(UUID.randomUUID().toString(), session, "22", null),
                scan(UUID.randomUUID().toString(), session, "00000000000099", null));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(given().get("/sessions/" + session).then().extract().jsonPath().getInt("totals.scans"))
                        .isEqualTo(3));
        assertThat(line(session, 1).getInt("countedQuantity")).isEqualTo(2);
        assertThat(line(session, 1).getString("countedAt")).isEqualTo(SEEN.toString());
        assertThat(line(session, 0).getString("countedQuantity")).isNull();
        JsonPath totals = given().get("/sessions/" + session).then().extract().jsonPath().setRootPath("totals");
        assertThat(totals.getInt("unmatchedScans")).isEqualTo(1);
        assertThat(totals.getInt("unitsCounted")).isEqualTo(2);
    }

    @Test
    void aScanForAnUnknownSessionIsDeadLetteredAndTheScanBehindItStillCounts() throws Exception {
        String session = countingSession();
        String stray = "no-such-session-" + UUID.randomUUID();
        // both on partition 0, the good one behind the poison one
        send(scan(UUID.randomUUID().toString(), stray, "00000000000021", 0),
                scan(UUID.randomUUID().toString(), session, "00000000000021", 0));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(line(session, 0).getString("countedQuantity")).isEqualTo("1"));
        List<ConsumerRecord<String, byte[]>> parked = TopicReader.await(Topics.deadLetterOf(Topics.SCAN_OBSERVATION), stray, 1);
        assertThat(parked).hasSize(1);
        assertThat(EventRecords.header(parked.get(0), EventHeaders.DLT_REASON)).hasValueSatisfying(
                reason -> assertThat(reason).contains(stray).contains("does not exist"));
    }

    @Test
    void aScanForASessionNotBeingCountedIsDeadLetteredWithTheReason() throws Exception {
        JsonPath count = given().contentType("application/json")
                .body(Map.of("site", "STORE-2", "name", "Not started", "type", "HARD", "bin", "C-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String draft = count.getString("sessions[0].id");
        send(scan(UUID.randomUUID().toString(), draft, "00000000000021", null));

        List<ConsumerRecord<String, byte[]>> parked = TopicReader.await(Topics.deadLetterOf(Topics.SCAN_OBSERVATION), draft, 1);
        assertThat(EventRecords.header(parked.get(0), EventHeaders.DLT_REASON))
                .contains("session is DRAFT; start counting first");
        assertThat(given().get("/sessions/" + draft).then().extract().jsonPath().getInt("totals.scans")).isZero();
    }
}
