package com.stockcount.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * The story of one completed session: a bin where one product was found short, one over, one just
 * right, and one shelf never counted. Reconciliation asks inventory to correct exactly the two that
 * disagree, once, however often the session's events are delivered.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "reconciliation"))
class SessionReconciliationTest {

    @Inject
    DataSource dataSource;

    @Test
    void eachLineThatDisagreesGetsOneAdjustmentEvenWhenTheSessionIsDeliveredTwice() throws Exception {
        // The associate counted bin A-01: 12 of SKU-1 where the system said 10, 3 of SKU-2 where it said 5,
        // exactly the 7 of SKU-3. SKU-4 was left blank, so count-service never publishes it.
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, "2.50"),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, "10.00"),
                SessionFixture.line("line-3", "SKU-3", "A-01", 7, 7, "1.00")));

        KafkaTestClient.send(session.records());

        // Inventory receives one request per disagreeing line, keyed by the quant, with the deterministic id.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(session)).hasSize(2));
        Map<String, ConsumerRecord<String, byte[]>> byId = requestsOf(session).stream()
                .collect(Collectors.toMap(r -> EventRecords.eventId(r), Function.identity()));
        assertThat(byId).containsOnlyKeys(session.requestId("line-1"), session.requestId("line-2"));

        ConsumerRecord<String, byte[]> over = byId.get(session.requestId("line-1"));
        AdjustmentRequested overRequest = Json.read(over.value(), AdjustmentRequested.class);
        assertThat(over.key()).isEqualTo(session.site() + "/A-01/SKU-1/");
        assertThat(EventRecords.eventType(over)).isEqualTo(AdjustmentRequested.TYPE);
        assertThat(overRequest.requestId()).isEqualTo(session.requestId("line-1"));
        assertThat(overRequest.quant()).isEqualTo(new QuantKey(session.site(), "A-01", "SKU-1", ""));
        assertThat(overRequest.delta()).isEqualTo(2);
        assertThat(overRequest.reason()).isEqualTo("stock_count");
        assertThat(overRequest.countedQuantity()).isEqualTo(12);
        assertThat(overRequest.countedAt()).isEqualTo(SessionFixture.COUNTED_AT);
        assertThat(overRequest.sessionId()).isEqualTo(session.sessionId());
        assertThat(overRequest.lineId()).isEqualTo("line-1");
        assertThat(overRequest.revision()).isEqualTo(1);
        assertThat(Json.read(byId.get(session.requestId("line-2")).value(), AdjustmentRequested.class).delta())
                .isEqualTo(-2);

        // The whole session is delivered again (a replay, or count-service republishing after a crash).
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxIsEmpty());
        assertThat(requestsOf(session)).hasSize(2);

        // The report tells the manager what happened while inventory has not answered yet.
        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .statusCode(200)
                .body("sessionId", equalTo(session.sessionId()))
                .body("countId", equalTo(session.countId()))
                .body("site", equalTo(session.site()))
                .body("revision", equalTo(1))
                .body("completedAt", equalTo("2025-11-20T11:00:00Z"))
                .body("status", equalTo("PENDING"))
                .body("summary.countedLines", equalTo(3))
                .body("summary.linesWithVariance", equalTo(2))
                .body("summary.adjustmentsRequested", equalTo(2))
                .body("summary.adjustmentsApplied", equalTo(0))
                .body("summary.adjustmentsFailed", equalTo(0))
                .body("summary.accuracy", equalTo(0.3333f))
                .body("summary.absoluteVarianceUnits", equalTo(4))
                .body("summary.absoluteVarianceValue", equalTo(25.0f))
                .body("lines.items.size()", equalTo(3))
                .body("lines.next", equalTo(null));
    }

    @Test
    void aReCompletedSessionPostsOnlyTheDifference() throws Exception {
        SessionFixture first = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, null),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null),
                SessionFixture.line("line-3", "SKU-3", "A-01", 7, 7, null)));
        KafkaTestClient.send(first.records());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(first)).hasSize(2));

        // The manager re-opens the session; SKU-1 is recounted as 11, SKU-3 as 9; SKU-2 stays at 3.
        SessionFixture second = first.recompleted(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 11, null),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null),
                SessionFixture.line("line-3", "SKU-3", "A-01", 7, 9, null)));
        KafkaTestClient.send(second.records());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(second)).hasSize(4));
        Map<String, Long> secondDeltas = requestsOf(second).stream()
                .map(r -> Json.read(r.value(), AdjustmentRequested.class))
                .filter(r -> r.revision() == 2)
                .collect(Collectors.toMap(AdjustmentRequested::lineId, AdjustmentRequested::delta));
        assertThat(secondDeltas).containsOnly(Map.entry("line-1", -1L), Map.entry("line-3", 2L));
        assertThat(requestsOf(second)).extracting(r -> EventRecords.eventId(r))
                .contains(second.requestId("line-1"), second.requestId("line-3"));

        given().get("/sessions/{id}/reconciliation", first.sessionId()).then()
                .statusCode(200)
                .body("revision", equalTo(2))
                .body("summary.linesWithVariance", equalTo(3))
                .body("summary.adjustmentsRequested", equalTo(2))
                .body("lines.items[1].requestId", equalTo(null));
    }

    @Test
    void linesArePagedWithTheirVarianceAndRequest() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, "2.50"),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null),
                SessionFixture.line("line-3", "SKU-3", "A-01", 7, 7, "1.00")));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);

        String next = given().queryParam("limit", 2).get("/sessions/{id}/reconciliation/lines", session.sessionId())
                .then().statusCode(200)
                .body("items.lineId", equalTo(List.of("line-1", "line-2")))
                .body("items[0].sku", equalTo("SKU-1"))
                .body("items[0].bin", equalTo("A-01"))
                .body("items[0].lot", equalTo(""))
                .body("items[0].systemQuantity", equalTo(10))
                .body("items[0].countedQuantity", equalTo(12))
                .body("items[0].variance", equalTo(2))
                .body("items[0].varianceValue", equalTo(5.0f))
                .body("items[0].requestId", equalTo(session.requestId("line-1")))
                .body("items[0].adjustmentStatus", equalTo("PENDING"))
                .body("items[0].appliedAt", equalTo(null))
                .body("items[1].variance", equalTo(-2))
                .body("items[1].varianceValue", equalTo(null))
                .extract().path("next");
        assertThat(next).isNotNull();

        given().queryParam("limit", 2).queryParam("after", next)
                .get("/sessions/{id}/reconciliation/lines", session.sessionId())
                .then().statusCode(200)
                .body("items.lineId", equalTo(List.of("line-3")))
                .body("items[0].variance", equalTo(0))
                .body("items[0].requestId", equalTo(null))
                .body("items[0].adjustmentStatus", equalTo(null))
                .body("next", equalTo(null));
    }

    @Test
    void unknownSessionIsANotFoundProblem() {
        given().get("/sessions/{id}/reconciliation", "no-such-session").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().get("/sessions/{id}/reconciliation/lines", "no-such-session").then()
                .statusCode(404);
    }

    @Test
    void anOutOfRangeLimitIsABadRequestNamingTheField() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(SessionFixture.line("line-1", "SKU-1", "A-01", 1, 1, null)));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);

        given().queryParam("limit", 0).get("/sessions/{id}/reconciliation/lines", session.sessionId()).then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheSessionBehindItIsStillReconciled() throws Exception {
        // Same key as the valid session, so all of it lands on one partition behind the poison.
        SessionFixture session = SessionFixture.of(List.of(SessionFixture.line("line-1", "SKU-1", "A-01", 4, 1, null)));
        SessionCompleted completed = session.completed();
        String malformedId = session.sessionId() + ":malformed";
        String futureId = session.sessionId() + ":v2";
        String laterEventId = session.sessionId() + ":reopened";
        String incompleteId = session.sessionId() + ":incomplete";

        KafkaTestClient.send(List.of(
                session.rawRecord(malformedId, SessionCompleted.TYPE, 1, "{not json".getBytes(StandardCharsets.UTF_8)),
                session.record(futureId, SessionCompleted.TYPE, 2, completed),
                // a type this service does not read yet: skipped, not dead-lettered
                session.record(laterEventId, "SessionReopened", 1, Map.of("sessionId", session.sessionId())),
                // a completion announcing two parts that never came: the publisher broke the contract
                session.record(incompleteId, SessionCompleted.TYPE, 1,
                        new SessionCompleted(session.sessionId(), session.countId(), session.site(), null, null, 7,
                                SessionFixture.COMPLETED_AT, null, 10, 2, 0, 0))));
        KafkaTestClient.send(session.records());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(session)).hasSize(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> reasons = KafkaTestClient.snapshot(Topics.deadLetterOf(Topics.COUNT_SESSION)).stream()
                    .filter(r -> session.sessionId().equals(r.key()))
                    .collect(Collectors.toMap(r -> EventRecords.eventId(r),
                            r -> EventRecords.header(r, EventHeaders.DLT_REASON).orElse("")));
            assertThat(reasons).containsOnlyKeys(malformedId, futureId, incompleteId);
            assertThat(reasons.get(malformedId)).contains("not a valid SessionCompleted");
            assertThat(reasons.get(futureId)).contains("unsupported schema version 2");
            assertThat(reasons.get(incompleteId)).contains("2 parts / 10 lines announced");
        });
        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .statusCode(200)
                .body("revision", equalTo(1))
                .body("summary.adjustmentsRequested", equalTo(1));
    }

    @Test
    void aSessionWhereEverythingAgreedRequestsNothingAndIsApplied() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 3, 3, "1.00")));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxIsEmpty());

        assertThat(requestsOf(session)).isEmpty();
        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .statusCode(200)
                .body("status", equalTo("APPLIED"))
                .body("summary.accuracy", equalTo(1.0f))
                .body("summary.adjustmentsRequested", equalTo(0));
    }

    static List<ConsumerRecord<String, byte[]>> requestsOf(SessionFixture session) {
        return KafkaTestClient.snapshot(Topics.INVENTORY_ADJUSTMENT_REQUEST).stream()
                .filter(r -> r.key().startsWith(session.site() + "/"))
                .toList();
    }

    boolean outboxIsEmpty() throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from outbox")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }
}
