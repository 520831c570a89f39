package com.stockcount.reconciliation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.AdjustmentsApplied;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Inventory answers every request on its ledger topic: the report follows it, line by line, and
 * settles on APPLIED or PARTIALLY_FAILED once nothing is pending any more.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "reconciliation"))
class LedgerFeedbackTest {

    private static final Instant POSTED_AT = Instant.parse("2025-11-20T11:00:05Z");

    @Test
    void theReportFollowsWhatInventoryAppliedAndRejected() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, null),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null)));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);

        // Inventory posts the first request: the quant goes from 10 to 12.
        QuantKey sku1 = new QuantKey(session.site(), "A-01", "SKU-1", "");
        // (a pick of 1 after the count is kept: the books at the count moment were 10, the count found 12)
        ProducerRecord<String, byte[]> posted = applied(session, sku1, 12, 10, 2, 11, session.requestId("A-01", "SKU-1", 1));
        // An unrelated receipt on another quant of the same site passes by unnoticed.
        ProducerRecord<String, byte[]> receipt = ledgerEntry(new QuantKey(session.site(), "A-01", "SKU-9", ""), 5, 5,
                "receipt-" + session.sessionId());
        KafkaTestClient.send(List.of(receipt, posted));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/sessions/{id}/reconciliation/lines", session.sessionId()).then()
                        .statusCode(200)
                        .body("items[0].adjustmentStatus", equalTo("APPLIED"))
                        .body("items[0].adjustmentRequested", equalTo(2))
                        .body("items[0].quantityAtCount", equalTo(10))
                        .body("items[0].adjustmentApplied", equalTo(2))
                        .body("items[0].quantityAfter", equalTo(11))
                        .body("items[0].appliedAt", equalTo("2025-11-20T11:00:05Z"))
                        .body("items[1].adjustmentStatus", equalTo("PENDING")));
        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .body("status", equalTo("PENDING"))
                .body("summary.adjustmentsApplied", equalTo(1));

        // It refuses the second: 5 − 2 would be fine, but say the quant was picked to 1 meanwhile.
        Map<String, Object> rejection = new LinkedHashMap<>();
        rejection.put("requestId", session.requestId("A-01", "SKU-2", 1));
        rejection.put("quant", new QuantKey(session.site(), "A-01", "SKU-2", ""));
        rejection.put("delta", -2);
        rejection.put("reason", "quantity would become negative");
        rejection.put("at", POSTED_AT.toString());
        ProducerRecord<String, byte[]> rejected = EventRecords.event(Topics.INVENTORY_LEDGER,
                session.site() + "/A-01/SKU-2/", "rejected-" + session.requestId("A-01", "SKU-2", 1), "AdjustmentRejected", 1,
                POSTED_AT, null, rejection);
        KafkaTestClient.send(List.of(rejected));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                        .statusCode(200)
                        .body("status", equalTo("PARTIALLY_FAILED"))
                        .body("summary.adjustmentsApplied", equalTo(1))
                        .body("summary.adjustmentsFailed", equalTo(1))
                        .body("lines.items[1].adjustmentStatus", equalTo("FAILED"))
                        .body("lines.items[1].failureReason", equalTo("quantity would become negative")));

        // Redelivered feedback changes nothing; a late rejection never overrides an applied adjustment.
        ProducerRecord<String, byte[]> lateRejection = EventRecords.event(Topics.INVENTORY_LEDGER, sku1.asString(),
                "rejected-late-" + session.requestId("A-01", "SKU-1", 1), "AdjustmentRejected", 1, POSTED_AT, null,
                Map.of("requestId", session.requestId("A-01", "SKU-1", 1), "quant", sku1, "delta", 2, "reason", "late",
                        "at", POSTED_AT.toString()));
        RecordMetadata lastFeedback = KafkaTestClient.send(List.of(posted, rejected, lateRejection));
        KafkaTestClient.awaitConsumed("reconciliation-service", lastFeedback);
        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .body("status", equalTo("PARTIALLY_FAILED"))
                .body("summary.adjustmentsApplied", equalTo(1))
                .body("summary.adjustmentsFailed", equalTo(1))
                .body("lines.items[0].adjustmentStatus", equalTo("APPLIED"))
                .body("lines.items[0].failureReason", equalTo(null));
    }

    @Test
    void allAppliedMeansTheSessionIsApplied() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 0, 4, null)));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);

        KafkaTestClient.send(List.of(applied(session, new QuantKey(session.site(), "A-01", "SKU-1", ""), 4, 0, 4, 4,
                session.requestId("A-01", "SKU-1", 1))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                        .body("status", equalTo("APPLIED"))
                        .body("summary.adjustmentsApplied", equalTo(1)));
    }

    @Test
    void theOutcomesOfABatchAreRecordedTogetherAndOnce() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, null),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null)));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);

        // inventory applied both requests in one transaction and reports them in one record
        AdjustmentsApplied both = new AdjustmentsApplied("adjustments-applied:" + session.sessionId(), List.of(
                outcome(session, new QuantKey(session.site(), "A-01", "SKU-1", ""), 12, 10, 2, 12,
                        session.requestId("A-01", "SKU-1", 1)),
                outcome(session, new QuantKey(session.site(), "A-01", "SKU-2", ""), 3, 5, -2, 3,
                        session.requestId("A-01", "SKU-2", 1))));
        ProducerRecord<String, byte[]> record = EventRecords.event(Topics.INVENTORY_LEDGER,
                both.applied().get(0).quant().asString(), both.batchId(), AdjustmentsApplied.TYPE,
                AdjustmentsApplied.VERSION, POSTED_AT, null, both);
        KafkaTestClient.send(List.of(record));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                        .statusCode(200)
                        .body("status", equalTo("APPLIED"))
                        .body("summary.adjustmentsApplied", equalTo(2))
                        .body("lines.items[0].quantityAfter", equalTo(12))
                        .body("lines.items[1].adjustmentApplied", equalTo(-2))
                        .body("lines.items[1].quantityAfter", equalTo(3)));

        // the batch delivered again, then a late rejection of one of its requests: nothing changes
        ProducerRecord<String, byte[]> lateRejection = EventRecords.event(Topics.INVENTORY_LEDGER,
                session.site() + "/A-01/SKU-2/", "rejected-late-" + session.sessionId(), "AdjustmentRejected", 1,
                POSTED_AT, null, Map.of("requestId", session.requestId("A-01", "SKU-2", 1), "quant",
                        new QuantKey(session.site(), "A-01", "SKU-2", ""), "delta", -2, "reason", "late",
                        "at", POSTED_AT.toString()));
        KafkaTestClient.awaitConsumed("reconciliation-service", KafkaTestClient.send(List.of(record, lateRejection)));
        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .body("status", equalTo("APPLIED"))
                .body("summary.adjustmentsApplied", equalTo(2))
                .body("summary.adjustmentsFailed", equalTo(0));
    }

    private static AdjustmentApplied outcome(SessionFixture session, QuantKey quant, long counted, long atCount,
                                             long correction, long after, String requestId) {
        return new AdjustmentApplied(requestId, quant, "quant-x", session.countId(), 1, AdjustmentRequested.KIND_COUNT,
                counted, SessionFixture.COUNTED_AT, atCount, correction, correction, after, 99L, POSTED_AT, false);
    }

    private static ProducerRecord<String, byte[]> applied(SessionFixture session, QuantKey quant, long counted,
                                                          long atCount, long correction, long after, String requestId) {
        AdjustmentApplied applied = outcome(session, quant, counted, atCount, correction, after, requestId);
        return EventRecords.event(Topics.INVENTORY_LEDGER, quant.asString(), applied.eventId(), AdjustmentApplied.TYPE,
                AdjustmentApplied.VERSION, POSTED_AT, null, applied);
    }

    private static ProducerRecord<String, byte[]> ledgerEntry(QuantKey quant, long delta, long after, String requestId) {
        LedgerEntryRecorded entry = new LedgerEntryRecorded(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                "quant-x", quant, LedgerEntryRecorded.TYPE_SYSTEM_CORRECTION, "stock_count", delta, after, POSTED_AT,
                requestId);
        return EventRecords.event(Topics.INVENTORY_LEDGER, quant.asString(), entry.eventId(), LedgerEntryRecorded.TYPE,
                LedgerEntryRecorded.VERSION, POSTED_AT, null, entry);
    }
}
