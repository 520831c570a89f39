package com.stockcount.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.platform.json.Json;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** A whole-site count: 20,000 lines in 40 parts, one line in four off by a unit or two. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "reconciliation"))
class LargeSessionTest {

    private static final int LINES = 20_000;

    @Test
    void aTwentyThousandLineSessionReconcilesFully() throws Exception {
        List<CountedLine> lines = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            long system = 10;
            long counted = switch (i % 8) {
                case 0 -> 11;
                case 4 -> 8;
                default -> 10;
            };
            lines.add(SessionFixture.line("line-%05d".formatted(i), "SKU-%05d".formatted(i), "B-" + (i % 200), system,
                    counted, "1.25"));
        }
        SessionFixture session = SessionFixture.of(lines);
        assertThat(session.parts()).hasSize(40);

        long started = System.nanoTime();
        KafkaTestClient.send(session.records());

        // every counted line is a request: even one that agreed with the snapshot may need a correction
        // once inventory looks at its ledger (stock moved between snapshot and count)
        int expected = LINES;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(SessionReconciliationTest.requestsOf(session)).hasSize(expected));
        System.out.printf("20,000-line session reconciled and %d requests published in %d ms%n", expected,
                Duration.ofNanos(System.nanoTime() - started).toMillis());

        Set<String> ids = new HashSet<>();
        SessionReconciliationTest.requestsOf(session).forEach(r -> ids.add(r.requestId()));
        assertThat(ids).hasSize(expected).contains(session.requestId("B-0", "SKU-00000", 1),
                session.requestId("B-196", "SKU-19996", 1));

        // batches of up to 500 requests, one partial batch per partition at most: 40 full ones plus up to 6
        List<ConsumerRecord<String, byte[]>> records = SessionReconciliationTest.recordsOf(session);
        assertThat(records).hasSizeLessThanOrEqualTo(LINES / AdjustmentRequestBatch.MAX_REQUESTS + 6)
                .allSatisfy(r -> assertThat(r.value().length).isLessThan(1_000_000));
        // each request is in the partition its own quant's records go to, so a quant's requests keep their order
        int partitions = KafkaTestClient.partitions(Topics.INVENTORY_ADJUSTMENT_REQUEST);
        assertThat(records).allSatisfy(r -> assertThat(Json.read(r.value(), AdjustmentRequestBatch.class).requests())
                .allSatisfy(q -> assertThat(Utils.toPositive(Utils.murmur2(
                        q.quant().asString().getBytes(StandardCharsets.UTF_8))) % partitions).isEqualTo(r.partition())));

        given().get("/sessions/{id}/reconciliation", session.sessionId()).then()
                .statusCode(200)
                .body("summary.countedLines", equalTo(LINES))
                .body("summary.linesWithVariance", equalTo(LINES / 4))
                .body("summary.adjustmentsRequested", equalTo(expected))
                .body("summary.accuracy", equalTo(0.75f))
                .body("summary.absoluteVarianceUnits", equalTo(LINES / 8 * 3))
                .body("summary.absoluteVarianceValue", equalTo(9375.0f))
                .body("lines.items.size()", equalTo(100))
                .body("lines.next", equalTo("line-00099"));
    }
}
