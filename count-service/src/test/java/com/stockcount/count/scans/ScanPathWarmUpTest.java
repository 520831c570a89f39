package com.stockcount.count.scans;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.count.support.TopicReader;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.platform.warmup.WarmUps;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The scan path is rehearsed at start, readiness waits for it, nothing of the rehearsal is kept, and the service
 * then counts a real portal and publishes a real completion (the rehearsal's rolled-back events leave gaps in the
 * event store's global index, which the publisher must step over).
 */
@QuarkusTest
@TestProfile(ScanPathWarmUpTest.WarmUpOn.class)
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class ScanPathWarmUpTest {

    /** The rehearsal on, with a budget that keeps the test short. */
    public static class WarmUpOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockcount.scans.warm-up.budget", "8s");
        }
    }

    private static final String TAGGED = "00000000000041";

    @Inject
    WarmUps warmUps;
    @Inject
    DataSource dataSource;

    @Test
    void theRehearsalLeavesNothingBehindAndTheServiceThenCountsARealPortal() throws Exception {
        // readiness waits for the rehearsal; once up, the warm-up check carries its report
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(RestAssured.get("/q/health/ready").statusCode()).isEqualTo(200));
        JsonPath ready = RestAssured.get("/q/health/ready").jsonPath();
        assertThat(ready.getString("checks.find { it.name == 'warm-up' }.data.'scan path'"))
                .matches("(settled|stopped at its budget) after \\d+ rounds.*");
        WarmUps.Report report = warmUps.finished().get(ScanPathWarmUp.NAME);
        assertThat(report.failure()).isNull();
        assertThat(report.rounds()).isGreaterThanOrEqualTo(3);
        assertThat(report.units()).isEqualTo(report.rounds() * (long) ScanPathWarmUp.TAGS_A_ROUND);

        // nothing of it was kept: no session, line, scan, event or snapshot of a rehearsed session
        assertThat(rows("select count(*) from session_view where id like 'warm-up-%'")).isZero();
        assertThat(rows("select count(*) from session_line where session_id like 'warm-up-%'")).isZero();
        assertThat(rows("select count(*) from session_scan where session_id like 'warm-up-%'")).isZero();
        assertThat(rows("select count(*) from domain_event_entry where aggregate_identifier like 'warm-up-%'")).isZero();
        assertThat(rows("select count(*) from snapshot_event_entry where aggregate_identifier like 'warm-up-%'")).isZero();

        // and the consumer, started after it, counts a portal's tags and the completion is published
        Inventory.site("STORE-W", List.of(rfidQuant()));
        JsonPath count = given().contentType("application/json")
                .body(Map.of("site", "STORE-W", "name", "After a start", "type", "HARD", "bin", "W-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String session = count.getString("sessions[0].id");
        given().post("/sessions/" + session + "/start").then().statusCode(200);
        String batchId = UUID.randomUUID().toString();
        List<ScanObserved> tags = List.of(tag(session, "3034AA0000000000000000F1"), tag(session, "3034AA0000000000000000F2"));
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-portal", Map.of())) {
            producer.send(EventRecords.event(Topics.SCAN_OBSERVATION, session, batchId, ScanObservationBatch.TYPE,
                    ScanObservationBatch.VERSION, Instant.now(), null, new ScanObservationBatch(batchId, session, tags))).get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(given().get("/sessions/" + session + "/lines").then().extract().jsonPath()
                        .getLong("items[0].countedQuantity")).isEqualTo(2));
        given().post("/sessions/" + session + "/complete").then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> published = TopicReader.await(Topics.COUNT_SESSION, session, 3);
        assertThat(published).extracting(EventRecords::eventType).last().isEqualTo(SessionCompleted.TYPE);
    }

    @Inject
    ScanPathWarmUp warmUp;

    @Test
    void aRoundWritesOnlyTemporaryTablesSoTheEventStoreGetsNoGapsAndTheScanTableNoDeadRows() throws Exception {
        String sequences = "select (select last_value from domain_event_entry_global_index_seq),"
                + " (select last_value from session_scan_id_seq)";
        long[] before = pair(sequences);

        assertThat(warmUp.round(99)).isEqualTo(ScanPathWarmUp.TAGS_A_ROUND);

        // sequences are not transactional: had the rehearsal written the real tables, their values would have moved
        assertThat(pair(sequences)).containsExactly(before);
        assertThat(rows("select count(*) from session_view where id like 'warm-up-%'")).isZero();
    }

    private long[] pair(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new long[]{r.getLong(1), r.getLong(2)};
        }
    }

    private static Map<String, Object> rfidQuant() {
        Map<String, Object> quant = InventoryStub.quant("w1", "SKU-41", "W-01", 2, TAGGED);
        quant.put("tracking", "RFID");
        return quant;
    }

    private static ScanObserved tag(String session, String epc) {
        return new ScanObserved(UUID.randomUUID().toString(), session, "portal-w", CodeKind.EPC, epc, TAGGED, epc, null,
                null, Instant.now());
    }

    private long rows(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
