package com.stockcount.count.scans;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scans applied a poll at a time: RFID portal batches through the real broker, and the batch handler given the
 * records of one poll directly (what the worker does), to pin down what happens to the sessions of one poll together.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class ScanBatchFlowTest {

    private static final Instant SEEN = Instant.parse("2025-03-01T09:00:00Z");
    private static final String TAGGED = "00000000000031";
    private static final String BOXED = "00000000000032";
    private static final String ELSEWHERE = "00000000000033";

    @Inject
    ScanConsumer consumer;
    @Inject
    AxonConfiguration axon;
    @Inject
    DataSource dataSource;

    @BeforeAll
    static void inventory() {
        Map<String, Object> rfid = InventoryStub.quant("r1", "SKU-31", "E-01", 3, TAGGED);
        rfid.put("tracking", "RFID");
        Inventory.site("STORE-C", List.of(rfid, InventoryStub.quant("r2", "SKU-32", "E-01", 5, BOXED),
                InventoryStub.quant("r3", "FOUND-33", "E-02", 2, ELSEWHERE)));
    }

    private static String countingSession() {
        JsonPath count = given().contentType("application/json")
                .body(Map.of("site", "STORE-C", "name", "Portal count", "type", "HARD", "bin", "E-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String session = count.getString("sessions[0].id");
        given().post("/sessions/" + session + "/start").then().statusCode(200);
        return session;
    }

    private static ScanObserved tag(String session, String epc) {
        return new ScanObserved(UUID.randomUUID().toString(), session, "portal-1", CodeKind.EPC, epc, TAGGED, epc,
                null, null, SEEN);
    }

    /** An RFID read as scan-ingest names it: by the session and the EPC alone, whichever reader and whenever. */
    private static ScanObserved read(String session, String epc, String gtin) {
        String id = UUID.nameUUIDFromBytes((session + "/" + epc).getBytes(StandardCharsets.UTF_8)).toString();
        return new ScanObserved(id, session, "portal-1", CodeKind.EPC, epc, gtin, gtin == null ? null : epc, null, null,
                SEEN);
    }

    private static ScanObserved box(String session, String device) {
        return new ScanObserved(UUID.randomUUID().toString(), session, device, CodeKind.BARCODE, BOXED, BOXED, null,
                null, null, SEEN);
    }

    private static ProducerRecord<String, byte[]> batch(String session, List<ScanObserved> observations) {
        String id = UUID.randomUUID().toString();
        return EventRecords.event(Topics.SCAN_OBSERVATION, session, id, ScanObservationBatch.TYPE,
                ScanObservationBatch.VERSION, SEEN, null, new ScanObservationBatch(id, session, observations));
    }

    private static ProducerRecord<String, byte[]> single(ScanObserved scan) {
        return EventRecords.event(Topics.SCAN_OBSERVATION, scan.sessionId(), scan.observationId(), ScanObserved.TYPE,
                ScanObserved.VERSION, SEEN, null, scan);
    }

    /** The records as one poll of one partition hands them to the batch handler. */
    @SafeVarargs
    private static List<ConsumerRecord<String, byte[]>> poll(ProducerRecord<String, byte[]>... records) {
        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : records) {
            ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(r.topic(), 0, polled.size(), 0L,
                    TimestampType.CREATE_TIME, 0, r.value().length, r.key(), r.value(), r.headers(), Optional.empty());
            polled.add(record);
        }
        return polled;
    }

    private static JsonPath session(String session) {
        return given().get("/sessions/" + session).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath line(String session, String sku) {
        return given().get("/sessions/" + session + "/lines").then().statusCode(200).extract().jsonPath()
                .setRootPath("items.find { it.sku == '" + sku + "' }");
    }

    @Test
    void aPortalBatchCountsEachTagOnceEvenWhenItIsReadTwiceInTheBatch() throws Exception {
        String session = countingSession();
        ScanObserved first = tag(session, "3034AA0000000000000000A1");
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-portal", Map.of())) {
            producer.send(batch(session, List.of(first, tag(session, "3034AA0000000000000000A2"),
                    tag(session, first.code())))).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(session(session).getInt("totals.scans")).isEqualTo(2));
        assertThat(line(session, "SKU-31").getLong("countedQuantity")).isEqualTo(2);
        assertThat(given().get("/sessions/" + session + "/scans").then().extract().jsonPath().getList("items.epc"))
                .containsExactly(first.code(), "3034AA0000000000000000A2");
    }

    @Test
    void aPollMixingASessionBeingCountedAndADiscardedOneAppliesTheFirstAndRefusesOnlyTheOther() {
        String counting = countingSession();
        String discarded = countingSession();
        given().post("/sessions/" + discarded + "/discard").then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> poll = poll(single(box(counting, "hh-1")), single(box(discarded, "hh-1")),
                batch(counting, List.of(box(counting, "hh-1"), tag(counting, "3034AA0000000000000000B1"))));

        assertThatThrownBy(() -> consumer.handle(poll)).isInstanceOf(PoisonRecordException.class)
                .hasMessage("session is DISCARDED; it can no longer be counted");

        assertThat(line(counting, "SKU-32").getLong("countedQuantity")).isEqualTo(2);
        assertThat(line(counting, "SKU-31").getLong("countedQuantity")).isEqualTo(1);
        assertThat(session(discarded).getInt("totals.scans")).isZero();
        // the worker then hands the records back one by one: the applied ones change nothing, the refused one is poison
        consumer.handle(List.of(poll.get(0)));
        consumer.handle(List.of(poll.get(2)));
        assertThatThrownBy(() -> consumer.handle(List.of(poll.get(1)))).isInstanceOf(PoisonRecordException.class);
        assertThat(session(counting).getInt("totals.scans")).isEqualTo(3);
        assertThat(line(counting, "SKU-32").getLong("countedQuantity")).isEqualTo(2);
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        String session = countingSession();
        List<ConsumerRecord<String, byte[]>> poll = poll(single(box(session, "hh-1")),
                batch(session, List.of(box(session, "hh-1"), tag(session, "3034AA0000000000000000C1"))));

        consumer.handle(poll);
        consumer.handle(poll);

        assertThat(session(session).getInt("totals.scans")).isEqualTo(3);
        assertThat(line(session, "SKU-32").getLong("countedQuantity")).isEqualTo(2);
        assertThat(line(session, "SKU-31").getLong("countedQuantity")).isEqualTo(1);
    }

    @Test
    void aPortalBatchDeliveredAgainAfterARestartTakesNoTagTwiceWhateverBecameOfItsScanAndTheNextBatchApplies()
            throws Exception {
        String session = countingSession();
        ScanObserved removed = read(session, "3034AA0000000000000000D1", TAGGED);
        ScanObserved kept = read(session, "3034AA0000000000000000D2", TAGGED);
        ScanObserved foreign = read(session, "E2801160600002054E6AD001", null);
        ProducerRecord<String, byte[]> portal = batch(session, List.of(removed, kept, foreign));
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-portal", Map.of())) {
            producer.send(portal).get();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(session(session).getInt("totals.scans")).isEqualTo(3));
            given().delete("/sessions/" + session + "/scans/" + removed.observationId()).then().statusCode(200);
            given().contentType("application/json").body(Map.of("reason", "a customer's jacket"))
                    .post("/sessions/" + session + "/scans/" + foreign.observationId() + "/dismiss").then().statusCode(200);
            // what a restart does to the session: the next poll loads it from the store
            axon.evictSession(session);

            // the same record again (offsets not committed before the restart), then the portal's next body
            producer.send(portal).get();
            producer.send(batch(session, List.of(read(session, "3034AA0000000000000000D3", TAGGED)))).get();
        }

        // the next body is behind the redelivered one on the session's partition: once it shows, both were applied
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(line(session, "SKU-31").getLong("countedQuantity")).isEqualTo(2));
        assertThat(session(session).getInt("categories.unmatched")).isZero();
        assertThat(given().get("/sessions/" + session + "/scans?category=COUNTED").then().extract().jsonPath()
                .getList("items.epc")).containsExactly(kept.code(), "3034AA0000000000000000D3");
        assertThat(given().get("/sessions/" + session + "/scans?category=DISMISSED").then().extract().jsonPath()
                .getList("items.id")).containsExactly(foreign.observationId());
    }

    @Test
    void aSessionWhoseSnapshotPredatesItsSetOfTagsIsRebuiltFromItsEventsAndTakesNoTagTwice() throws SQLException {
        String session = countingSession();
        ScanObserved foreign = read(session, "E2801160600002054E6AE001", null);
        List<ScanObserved> tags = tagsOnePollEach(session, foreign, 'E');
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> snapshots(session) > 0);
        try (Connection c = dataSource.getConnection(); PreparedStatement older = c.prepareStatement(
                "update snapshot_event_entry set payload_revision = null,"
                        + " payload = convert_to((convert_from(payload, 'UTF8')::jsonb - 'epcs')::text, 'UTF8')"
                        + " where aggregate_identifier = ?")) {
            // the snapshot as the service wrote it before sessions kept their tags: no revision, no "epcs"
            older.setString(1, session);
            assertThat(older.executeUpdate()).isPositive();
        }
        axon.evictSession(session);

        consumer.handle(poll(batch(session, List.of(tags.get(0), foreign,
                read(session, "3034AA00000000000000EFFF", TAGGED)))));

        assertThat(line(session, "SKU-31").getLong("countedQuantity")).isEqualTo(23);
        assertThat(session(session).getInt("totals.scans")).isEqualTo(24);
        assertThat(session(session).getInt("categories.unmatched")).isEqualTo(1);
    }

    @Test
    void aSessionIsSnapshottedOnceItsStreamStopsAndAnEvictedSessionLoadsThatSnapshot() throws SQLException {
        String session = countingSession();
        ScanObserved foreign = read(session, "E2801160600002054E6AE001", null);
        List<ScanObserved> tags = tagsOnePollEach(session, foreign, 'F');
        // taken after the test profile's quiet period (0.1 s) without a command
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> snapshots(session) > 0);
        // what the snapshot covers is no longer in the store: a session loaded from its events would lose the tags
        try (Connection c = dataSource.getConnection(); PreparedStatement covered = c.prepareStatement(
                "delete from domain_event_entry where aggregate_identifier = ? and sequence_number <="
                        + " (select max(sequence_number) from snapshot_event_entry where aggregate_identifier = ?)")) {
            covered.setString(1, session);
            covered.setString(2, session);
            assertThat(covered.executeUpdate()).isGreaterThan(20);
        }
        axon.evictSession(session);

        consumer.handle(poll(batch(session, List.of(tags.get(0), tags.get(21), foreign,
                read(session, "3034AA00000000000000FFFF", TAGGED)))));

        // the repeated tags are no-ops, the new one counts on from 22; the unmatched tag is still open
        assertThat(line(session, "SKU-31").getLong("countedQuantity")).isEqualTo(23);
        assertThat(session(session).getInt("totals.scans")).isEqualTo(24);
        assertThat(session(session).getInt("categories.unmatched")).isEqualTo(1);
        given().contentType("application/json").body(Map.of("reason", "not ours"))
                .post("/sessions/" + session + "/scans/" + foreign.observationId() + "/dismiss").then().statusCode(200);
    }

    /**
     * 22 tags of the RFID line applied one poll each (the first with the foreign tag, unmatched): more events than the
     * test profile's snapshot threshold (20). {@code series} keeps the tags of two tests apart.
     */
    private List<ScanObserved> tagsOnePollEach(String session, ScanObserved foreign, char series) {
        List<ScanObserved> tags = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            tags.add(read(session, String.format("3034AA00000000000000%c%03d", series, i), TAGGED));
            consumer.handle(poll(batch(session, i == 0 ? List.of(tags.get(0), foreign) : List.of(tags.get(i)))));
        }
        return tags;
    }

    private long snapshots(String session) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement count = c.prepareStatement(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ? and payload_revision = '3'")) {
            count.setString(1, session);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void codesWithBackslashesTabsAndLineBreaksAreListedExactlyAsTheyWereRead() {
        String session = countingSession();
        List<String> codes = List.of("A\\B", "\\N", "TAB\tAFTER", "LF\nAFTER", "CR\rAFTER", "\\.", "ENDS\\",
                "\\t is not a tab", "ünï €\u00a0😀", "");
        List<ScanObserved> scans = new ArrayList<>();
        Instant seen = Instant.parse("2025-03-01T09:00:00.123456Z");
        for (String code : codes) {
            // with the product's GTIN it counts on the boxed line; without one it is unmatched, the code in the reason
            scans.add(new ScanObserved(UUID.randomUUID().toString(), session, "hh-1", CodeKind.BARCODE, "X" + code,
                    BOXED, "S\t" + code, null, null, seen));
            scans.add(new ScanObserved(UUID.randomUUID().toString(), session, "hh-1", CodeKind.BARCODE, "Y" + code,
                    null, null, null, "E-01\\" + code, seen));
        }

        consumer.handle(poll(batch(session, scans)));

        JsonPath counted = given().get("/sessions/" + session + "/scans?category=COUNTED&limit=100").then().statusCode(200)
                .extract().jsonPath();
        assertThat(counted.getList("items.code")).containsExactlyElementsOf(codes.stream().map(c -> "X" + c).toList());
        assertThat(counted.getList("items.serial")).containsExactlyElementsOf(codes.stream().map(c -> "S\t" + c).toList());
        assertThat(counted.getList("items.gtin")).containsOnly(BOXED);
        assertThat(counted.getList("items.scannedAt")).containsOnly(seen.toString());
        JsonPath unmatched = given().get("/sessions/" + session + "/scans?category=UNMATCHED&limit=100").then()
                .statusCode(200).extract().jsonPath();
        assertThat(unmatched.getList("items.code")).containsExactlyElementsOf(codes.stream().map(c -> "Y" + c).toList());
        assertThat(unmatched.getList("items.reason")).containsExactlyElementsOf(
                codes.stream().map(c -> "code Y" + c + " decodes to no GTIN").toList());
        assertThat(unmatched.getList("items.bin")).containsExactlyElementsOf(codes.stream().map(c -> "E-01\\" + c).toList());
        assertThat(unmatched.getList("items.gtin")).containsOnlyNulls();
        assertThat(line(session, "SKU-32").getLong("countedQuantity")).isEqualTo(codes.size());
    }

    @Test
    void aScanAlreadyRecordedForTheSessionFailsThePollsTransactionAndNothingOfThePollIsKept() throws SQLException {
        String session = countingSession();
        ScanObserved recorded = read(session, "3034AA0000000000000000G1", TAGGED);
        ScanObserved next = read(session, "3034AA0000000000000000G2", TAGGED);
        // the row a scan with this id would write is already there: the last guard against a scan recorded twice
        scanRow(session, recorded.observationId(), "insert into session_scan (session_id, observation_id, kind, code,"
                + " category, observed_at) values (?, ?, 'EPC', 'already', 'COUNTED', now())");
        ScanObserved barcode = box(session, "hh-1");
        List<ConsumerRecord<String, byte[]>> poll = poll(batch(session, List.of(next, recorded)), single(barcode));

        assertThatThrownBy(() -> consumer.handle(poll)).hasStackTraceContaining("session_scan");

        assertThat(line(session, "SKU-31").getString("countedQuantity")).isNull();
        assertThat(line(session, "SKU-32").getString("countedQuantity")).isNull();
        assertThat(given().get("/sessions/" + session + "/scans").then().extract().jsonPath().getList("items.code"))
                .containsExactly("already");
        // once the row is gone, the same poll applies in full
        scanRow(session, recorded.observationId(), "delete from session_scan where session_id = ? and observation_id = ?");
        consumer.handle(poll);
        assertThat(line(session, "SKU-31").getLong("countedQuantity")).isEqualTo(2);
        assertThat(line(session, "SKU-32").getLong("countedQuantity")).isEqualTo(1);
        assertThat(given().get("/sessions/" + session + "/scans").then().extract().jsonPath().getList("items.id"))
                .containsExactly(next.observationId(), recorded.observationId(), barcode.observationId());
    }

    private void scanRow(String session, String observationId, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, session);
            statement.setString(2, observationId);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void whenThePollsTransactionFailsNoSessionKeepsWhatItHadAppliedInIt() {
        String applied = countingSession();
        String locked = countingSession();
        given().contentType("application/json").body(Map.of("deviceId", "hh-7"))
                .post("/sessions/" + locked + "/lock").then().statusCode(200);
        // the first session's command succeeds in the transaction, the second's is refused by its lock: all rolls back
        List<ConsumerRecord<String, byte[]>> poll = poll(single(box(applied, "hh-1")), single(box(locked, "hh-8")));

        assertThatThrownBy(() -> consumer.handle(poll)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("session is locked by device:hh-7");
        assertThat(session(applied).getInt("totals.scans")).isZero();

        // had the cached session kept the rolled-back unit, this scan would make the line 2
        consumer.handle(List.of(poll.get(0)));
        assertThat(line(applied, "SKU-32").getLong("countedQuantity")).isEqualTo(1);
        consumer.handle(poll(single(box(applied, "hh-1"))));
        assertThat(line(applied, "SKU-32").getLong("countedQuantity")).isEqualTo(2);
    }

    @Test
    void matchingAProductTheSessionHasNoLineForAddsALineInTheBinOfTheScan() {
        String session = countingSession();
        ScanObserved stray = new ScanObserved(UUID.randomUUID().toString(), session, "hh-1", CodeKind.BARCODE, ELSEWHERE,
                ELSEWHERE, null, null, null, SEEN);
        consumer.handle(poll(single(stray)));
        assertThat(session(session).getInt("categories.unmatched")).isEqualTo(1);

        given().contentType("application/json").body(Map.of("sku", "FOUND-33"))
                .post("/sessions/" + session + "/scans/" + stray.observationId() + "/match")
                .then().statusCode(200).extract().jsonPath();

        JsonPath added = line(session, "FOUND-33");
        assertThat(added.getString("bin")).isEqualTo("E-01");
        assertThat(added.getLong("systemQuantity")).isZero();
        assertThat(added.getLong("countedQuantity")).isEqualTo(1);
        assertThat(added.getString("quantId")).isNull();
        assertThat(session(session).getInt("totals.lines")).isEqualTo(3);
        assertThat(session(session).getInt("categories.unmatched")).isZero();
        // the next scan of that product in that bin counts on the new line
        consumer.handle(poll(single(box(session, "hh-1")), single(new ScanObserved(UUID.randomUUID().toString(), session,
                "hh-1", CodeKind.BARCODE, ELSEWHERE, ELSEWHERE, null, null, null, SEEN))));
        assertThat(line(session, "FOUND-33").getLong("countedQuantity")).isEqualTo(2);
    }
}
