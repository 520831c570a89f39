package com.stockcount.inventory.adjustment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.inventory.Fixtures;
import com.stockcount.inventory.adjustment.AdjustmentService.Outcome;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.platform.outbox.ProcessedEvents;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poll's worth of requests is applied in one transaction: each request must end exactly as if the
 * requests had come one by one, and one that can never apply must leave the whole batch unapplied so
 * the consumer can isolate it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class AdjustmentBatchTest {

    @Inject
    AdjustmentService adjustments;

    @Inject
    DataSource dataSource;

    private String site;
    private String sku;
    private String shelf;
    private String backstock;

    @BeforeEach
    void tenOnTheShelfAndTenInBackstock() {
        site = Fixtures.site();
        sku = Fixtures.product("BULK");
        shelf = Fixtures.receive(site, Fixtures.bin(site, "Sales floor"), sku, 10);
        backstock = Fixtures.receive(site, Fixtures.bin(site, "Backstock"), sku, 10);
    }

    @Test
    void twoRequestsOnOneQuantInABatchApplyOneAfterTheOther() throws Exception {
        Instant countedAt = now();
        AdjustmentRequested first = count(key(shelf), 1, 7, countedAt);

        List<Outcome> outcomes = adjustments.applyAll(List.of(first, delta(key(backstock), 2),
                count(key(shelf), 2, 9, countedAt), first, delta(key(backstock), -3)));

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE,
                Outcome.APPLIED);
        // version 2 of the count replaced version 1: the shelf held 9 when counted
        assertThat(quantity(shelf)).isEqualTo(9);
        assertThat(deltas(shelf)).containsExactly(10L, -3L, 2L);
        assertThat(quantityAfters(shelf)).containsExactly(10L, 7L, 9L);
        assertThat(quantity(backstock)).isEqualTo(9);
        assertThat(quantityAfters(backstock)).containsExactly(10L, 12L, 9L);
    }

    @Test
    void aRequestRefusedInABatchLeavesTheOthersApplied() throws Exception {
        List<Outcome> outcomes = adjustments.applyAll(List.of(delta(key(shelf), 2), delta(key(backstock), -50),
                count(key(backstock), 1, 4, now())));

        assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.REJECTED, Outcome.APPLIED);
        assertThat(quantity(shelf)).isEqualTo(12);
        assertThat(quantity(backstock)).isEqualTo(4);
    }

    @Test
    void aPoisonRequestLeavesTheWholeBatchUnappliedSoItCanBeIsolated() throws Exception {
        AdjustmentRequested valid = delta(key(shelf), 2);
        AdjustmentRequested unknownProduct = delta(new QuantKey(site, key(shelf).binCode(), "no-such-sku", ""), 1);

        assertThatThrownBy(() -> adjustments.applyAll(List.of(valid, unknownProduct)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("unknown product no-such-sku");
        assertThat(quantity(shelf)).isEqualTo(10);

        // nothing of the failed batch was recorded as processed: alone, the valid request applies
        assertThat(adjustments.applyAll(List.of(valid))).containsExactly(Outcome.APPLIED);
        assertThat(quantity(shelf)).isEqualTo(12);
    }

    @Test
    void aBatchAnInventoryBeforeTheUpgradeAppliedByItsRequestIdsIsADuplicate() throws Exception {
        AdjustmentRequested shelfCount = count(key(shelf), 1, 4, now());
        AdjustmentRequested backstockDelta = delta(key(backstock), 5);
        AdjustmentRequestBatch batch = new AdjustmentRequestBatch("adjustment-batch:" + shelfCount.requestId(),
                List.of(shelfCount, backstockDelta));
        // what the older inventory left after applying the batch: its request ids, not the batch id
        try (Connection c = dataSource.getConnection()) {
            ProcessedEvents.firstDeliveries(c, AdjustmentService.CONSUMER,
                    List.of(shelfCount.requestId(), backstockDelta.requestId()));
        }

        adjustments.applyInOrder(List.of(new CountInstruction.AdjustBatch(batch)));

        assertThat(quantity(shelf)).isEqualTo(10);
        assertThat(quantity(backstock)).isEqualTo(10);
        // a batch it never saw applies as usual
        adjustments.applyInOrder(List.of(new CountInstruction.AdjustBatch(new AdjustmentRequestBatch(
                "adjustment-batch:fresh-" + UUID.randomUUID(), List.of(delta(key(backstock), 5))))));
        assertThat(quantity(backstock)).isEqualTo(15);
    }

    private QuantKey key(String quantId) {
        return new QuantKey(site, when().get("/sites/" + site + "/quants/" + quantId).then().extract().path("bin"), sku,
                "");
    }

    private static AdjustmentRequested count(QuantKey key, int version, long counted, Instant countedAt) {
        return new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", counted, countedAt,
                "session-1", "count-1", "line-1", 1, now(), AdjustmentRequested.KIND_COUNT, version);
    }

    private static AdjustmentRequested delta(QuantKey key, long delta) {
        return new AdjustmentRequested(UUID.randomUUID().toString(), key, delta, "stock_count", 0, now(), "session-1",
                "count-1", "line-1", 1, now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private long quantity(String quantId) {
        return when().get("/sites/" + site + "/quants/" + quantId).then().statusCode(200).extract()
                .<Integer>path("quantity");
    }

    private List<Long> deltas(String quantId) {
        return ledgerOf(quantId, "delta");
    }

    private List<Long> quantityAfters(String quantId) {
        return ledgerOf(quantId, "quantityAfter");
    }

    /** One field of the quant's ledger entries, oldest first. */
    private List<Long> ledgerOf(String quantId, String field) {
        List<Map<String, Object>> items = when().get("/sites/" + site + "/ledger?limit=1000").then().statusCode(200)
                .extract().path("items");
        return items.stream().filter(e -> quantId.equals(String.valueOf(e.get("quantId"))))
                .map(e -> ((Number) e.get(field)).longValue()).toList();
    }
}
