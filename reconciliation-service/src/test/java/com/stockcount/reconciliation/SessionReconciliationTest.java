package com.stockcount.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * The story of a count's sessions: completed, re-completed, split between associates, discarded.
 * Reconciliation asks inventory, per quant, for what the count's active sessions found there, and
 * asks again only when that changes, however often the sessions' events are delivered.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "reconciliation"))
class SessionReconciliationTest {

    @Inject
    DataSource dataSource;

    @Test
    void eachCountedQuantGetsOneMovementAwareRequestEvenWhenTheSessionIsDeliveredTwice() throws Exception {
        // The associate counted bin A-01: 12 of SKU-1 where the snapshot said 10, 3 of SKU-2 where it said 5,
        // exactly the 7 of SKU-3. SKU-4 was left blank, so count-service never publishes it.
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, "2.50"),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, "10.00"),
                SessionFixture.line("line-3", "SKU-3", "A-01", 7, 7, "1.00")));

        KafkaTestClient.send(session.records());

        // Every counted quant gets a request, even SKU-3: a pick posted between snapshot and count makes the
        // books disagree with a shelf that matched the snapshot; only inventory's ledger can tell.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(session)).hasSize(3));
        Map<String, AdjustmentRequested> byId = requests(session);
        assertThat(byId).containsOnlyKeys(session.requestId("A-01", "SKU-1", 1), session.requestId("A-01", "SKU-2", 1),
                session.requestId("A-01", "SKU-3", 1));
        AdjustmentRequested over = byId.get(session.requestId("A-01", "SKU-1", 1));
        assertThat(over.quant()).isEqualTo(new QuantKey(session.site(), "A-01", "SKU-1", ""));
        assertThat(over.kind()).isEqualTo(AdjustmentRequested.KIND_COUNT);
        assertThat(over.countedQuantity()).isEqualTo(12);
        assertThat(over.countedAt()).isEqualTo(SessionFixture.COUNTED_AT);
        assertThat(over.countId()).isEqualTo(session.countId());
        assertThat(over.countVersion()).isEqualTo(1);
        assertThat(over.delta()).as("variance against the snapshot, for the audit trail").isEqualTo(2);
        assertThat(over.reason()).isEqualTo("stock_count");

        // The whole session is delivered again (a replay, or count-service republishing after a crash).
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);
        await().atMost(Duration.ofSeconds(30)).until(this::outboxIsEmpty);
        assertThat(requestsOf(session)).hasSize(3);
    }

    @Test
    void aReCompletedSessionReplacesItsResultAndOnlyChangedQuantsAreAskedAgain() throws Exception {
        SessionFixture first = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, null),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null),
                SessionFixture.line("line-3", "SKU-3", "A-01", 7, 6, null)));
        KafkaTestClient.send(first.records());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(first)).hasSize(3));

        // Re-opened: SKU-1 recounted to 11, SKU-2 unchanged, SKU-3 left blank this time (its earlier count stays
        // out of the result: the new revision replaces the old one), SKU-4 newly counted.
        SessionFixture second = first.recompleted(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 11, null),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 3, null),
                SessionFixture.line("line-4", "SKU-4", "A-01", 0, 2, null)));
        KafkaTestClient.send(second.records());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(requestsOf(first)).hasSize(6));
        Map<String, AdjustmentRequested> byId = requests(first);
        assertThat(byId.get(first.requestId("A-01", "SKU-1", 2)).countedQuantity()).isEqualTo(11);
        assertThat(byId.get(first.requestId("A-01", "SKU-3", 2)).kind()).isEqualTo(AdjustmentRequested.KIND_WITHDRAW);
        assertThat(byId.get(first.requestId("A-01", "SKU-4", 1)).countedQuantity()).isEqualTo(2);
        assertThat(byId).doesNotContainKey(first.requestId("A-01", "SKU-2", 2));
        given().get("/sessions/{id}/reconciliation", first.sessionId()).then()
                .body("revision", equalTo(2))
                .body("summary.countedLines", equalTo(3));
    }

    @Test
    void sessionsOfOneCountCoveringTheSameQuantAddUpAndADiscardedOneTakesItsShareBack() throws Exception {
        // Two associates split bin A-01: one finds 4 of SKU-1, the other 3 more; the other also counts SKU-2.
        SessionFixture front = SessionFixture.of(List.of(SessionFixture.line("f-1", "SKU-1", "A-01", 9, 4, null)));
        SessionFixture back = front.sibling(List.of(SessionFixture.line("b-1", "SKU-1", "A-01", 9, 3, null),
                SessionFixture.line("b-2", "SKU-2", "A-01", 2, 2, null)));
        KafkaTestClient.send(front.records());
        KafkaTestClient.send(back.records());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(requests(front)).containsKey(front.requestId("A-01", "SKU-1", 2)));
        assertThat(requests(front).get(front.requestId("A-01", "SKU-1", 2)).countedQuantity()).isEqualTo(7);
        given().get("/counts/{id}/reconciliation", front.countId()).then()
                .statusCode(200)
                .body("summary.countedLines", equalTo(2))
                .body("lines.items.find { it.sku == 'SKU-1' }.countedQuantity", equalTo(7))
                .body("lines.items.find { it.sku == 'SKU-1' }.variance", equalTo(-2));

        // The manager discards the back half: the count now says 4 for SKU-1, and nothing about SKU-2.
        KafkaTestClient.send(List.of(back.discarded(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(requests(front)).containsKeys(front.requestId("A-01", "SKU-1", 3),
                        front.requestId("A-01", "SKU-2", 2)));
        Map<String, AdjustmentRequested> byId = requests(front);
        assertThat(byId.get(front.requestId("A-01", "SKU-1", 3)).countedQuantity()).isEqualTo(4);
        assertThat(byId.get(front.requestId("A-01", "SKU-2", 2)).kind()).isEqualTo(AdjustmentRequested.KIND_WITHDRAW);
        given().get("/sessions/{id}/reconciliation", back.sessionId()).then().body("status", equalTo("DISCARDED"));

        // A replay of the whole session history changes nothing.
        KafkaTestClient.send(front.records());
        KafkaTestClient.send(back.records());
        RecordMetadata last = KafkaTestClient.send(List.of(back.discarded(1)));
        KafkaTestClient.awaitConsumed("reconciliation-service", last);
        await().atMost(Duration.ofSeconds(30)).until(this::outboxIsEmpty);
        assertThat(requestsOf(front)).hasSize(5);
    }

    @Test
    void theReportIsDownloadableAsCsv() throws Exception {
        SessionFixture session = SessionFixture.of(List.of(
                SessionFixture.line("line-1", "SKU-1", "A-01", 10, 12, "2.50"),
                SessionFixture.line("line-2", "SKU-2", "A-01", 5, 5, null)));
        RecordMetadata last = KafkaTestClient.send(session.records());
        KafkaTestClient.awaitConsumed("reconciliation-service", last);

        String csv = given().accept("text/csv").get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> rows = csv.lines().toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).startsWith("lineId,sku,bin,lot,tracking,systemQuantity,countedQuantity,variance,"
                + "unitCost,varianceValue");
        assertThat(rows.get(1)).startsWith("line-1,SKU-1,A-01,,BULK,10,12,2,2.5000,5.0000,2025-11-20T10:15:30Z,2,12,"
                + session.requestId("A-01", "SKU-1", 1) + ",PENDING");
        assertThat(given().get("/sessions/{id}/reconciliation.csv", session.sessionId()).then().statusCode(200)
                .extract().asString()).isEqualTo(csv);
        assertThat(given().get("/counts/{id}/reconciliation.csv", session.countId()).then().statusCode(200)
                .extract().asString().lines().toList()).hasSize(3);
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

    /** The session's requests by id, wherever they travelled: alone or in batches. */
    static Map<String, AdjustmentRequested> requests(SessionFixture session) {
        return requestsOf(session).stream().collect(Collectors.toMap(AdjustmentRequested::requestId,
                Function.identity()));
    }

    /** Every request published for the session, once per time it was published. */
    static List<AdjustmentRequested> requestsOf(SessionFixture session) {
        List<AdjustmentRequested> requests = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : recordsOf(session)) {
            if (AdjustmentRequestBatch.TYPE.equals(EventRecords.eventType(r))) {
                requests.addAll(Json.read(r.value(), AdjustmentRequestBatch.class).requests());
            } else {
                requests.add(Json.read(r.value(), AdjustmentRequested.class));
            }
        }
        return requests;
    }

    static List<ConsumerRecord<String, byte[]>> recordsOf(SessionFixture session) {
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
