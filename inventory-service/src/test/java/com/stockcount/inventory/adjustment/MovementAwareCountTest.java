package com.stockcount.inventory.adjustment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.inventory.Fixtures;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shelf is counted while the store keeps selling and receiving: inventory turns "N were on the
 * shelf at T" into the right correction from its own ledger, whatever was posted before, after, or
 * late.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class MovementAwareCountTest {

    @Inject
    AdjustmentService adjustments;

    private String site;
    private String bin;
    private String sku;
    private QuantKey key;
    private String quantId;

    @BeforeEach
    void tenOnTheShelf() {
        site = Fixtures.site();
        bin = Fixtures.bin(site, "Sales floor");
        sku = Fixtures.product("BULK");
        key = new QuantKey(site, bin, sku, "");
        quantId = Fixtures.receive(site, bin, sku, 10);
    }

    @Test
    void aPickPostedAfterTheShelfWasCountedIsKept() throws Exception {
        Instant countedAt = now();
        pick(2, null);

        assertThat(adjustments.apply(count("count-1", 1, 7, countedAt))).isEqualTo(AdjustmentService.Outcome.APPLIED);

        // 7 were on the shelf when counted, 2 left since: 5, not 7
        assertThat(quantity()).isEqualTo(5);
        assertThat(correctionsOf("count-1")).containsExactly(-3L);
    }

    @Test
    void aMovementThatHappenedBeforeTheCountButIsPostedAfterItIsAbsorbedByTheCount() throws Exception {
        Instant countedAt = now();
        adjustments.apply(count("count-1", 1, 8, countedAt));
        assertThat(quantity()).isEqualTo(8);

        // the till syncs late: a sale of 2 that happened before the count; the count already saw it gone
        pick(2, countedAt.minusSeconds(5));
        // one at exactly the count moment is before the count too
        pick(1, countedAt);
        assertThat(quantity()).isEqualTo(8);
        // one that happened after the count is a real change
        pick(1, countedAt.plus(1, ChronoUnit.MILLIS));
        assertThat(quantity()).isEqualTo(7);
        assertThat(quantityAt(countedAt)).isEqualTo(8);
    }

    @Test
    void theOrderInWhichALateMovementAndTheCountArriveDoesNotMatter() throws Exception {
        String otherBin = Fixtures.bin(site, "Sales floor");
        QuantKey other = new QuantKey(site, otherBin, sku, "");
        String otherQuant = Fixtures.receive(site, otherBin, sku, 10);
        Instant countedAt = now();

        // here: count first, late receipt after; there: late receipt first, count after
        adjustments.apply(count("count-1", 1, 12, countedAt));
        receive(bin, 3, countedAt.minusSeconds(1));
        receive(otherBin, 3, countedAt.minusSeconds(1));
        adjustments.apply(new AdjustmentRequested(UUID.randomUUID().toString(), other, 0, "stock_count", 12, countedAt,
                "s", "count-1", "l", 1, now(), AdjustmentRequested.KIND_COUNT, 1));

        assertThat(quantity()).isEqualTo(12);
        assertThat(when().get("/sites/" + site + "/quants/" + otherQuant).then().extract().<Integer>path("quantity"))
                .isEqualTo(12);
    }

    @Test
    void aLaterRequestOfTheSameCountReplacesItsCorrectionAndAStaleOneChangesNothing() throws Exception {
        Instant countedAt = now();
        adjustments.apply(count("count-1", 1, 7, countedAt));
        adjustments.apply(count("count-1", 2, 9, countedAt));
        assertThat(quantity()).isEqualTo(9);

        // a request of version 1 arriving late (reordered) must not undo version 2
        assertThat(adjustments.apply(count("count-1", 1, 7, countedAt))).isEqualTo(AdjustmentService.Outcome.SUPERSEDED);
        assertThat(quantity()).isEqualTo(9);
        assertThat(correctionsOf("count-1")).containsExactly(-3L, 2L);
    }

    @Test
    void aWithdrawnCountTakesBackEverythingItPostedAndNothingElse() throws Exception {
        Instant countedAt = now();
        adjustments.apply(count("count-1", 1, 4, countedAt));
        pick(1, null);
        assertThat(quantity()).isEqualTo(3);

        adjustments.apply(new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", 0, null, "s",
                "count-1", "l", 2, now(), AdjustmentRequested.KIND_WITHDRAW, 2));

        assertThat(quantity()).isEqualTo(9);
    }

    @Test
    void theSameRequestTwiceIsAppliedOnce() throws Exception {
        AdjustmentRequested request = count("count-1", 1, 6, now());
        assertThat(adjustments.apply(request)).isEqualTo(AdjustmentService.Outcome.APPLIED);
        assertThat(adjustments.apply(request)).isEqualTo(AdjustmentService.Outcome.DUPLICATE);
        assertThat(quantity()).isEqualTo(6);
    }

    private AdjustmentRequested count(String countId, int version, long counted, Instant countedAt) {
        return new AdjustmentRequested(UUID.randomUUID().toString(), key, counted - 10, "stock_count", counted,
                countedAt, "session-1", countId, "line-1", 1, now(), AdjustmentRequested.KIND_COUNT, version);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private void pick(long quantity, Instant occurredAt) {
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "bin", bin, "quantity", quantity));
        if (occurredAt != null) {
            body.put("occurredAt", occurredAt.toString());
        }
        Fixtures.post("/sites/" + site + "/picks", body).statusCode(201);
    }

    private void receive(String toBin, long quantity, Instant occurredAt) {
        Fixtures.post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", toBin, "quantity", quantity,
                "occurredAt", occurredAt.toString())).statusCode(201);
    }

    private long quantity() {
        return when().get("/sites/" + site + "/quants/" + quantId).then().statusCode(200).extract()
                .<Integer>path("quantity");
    }

    private long quantityAt(Instant at) {
        return when().get("/sites/" + site + "/quants/" + quantId + "/quantity-at?at=" + at).then().statusCode(200)
                .extract().<Integer>path("quantity");
    }

    private List<Long> correctionsOf(String countId) {
        List<Map<String, Object>> items = when().get("/sites/" + site + "/ledger?type=system_correction&limit=1000")
                .then().statusCode(200).extract().path("items");
        return items.stream().filter(e -> countId.equals(e.get("countId")))
                .map(e -> ((Number) e.get("delta")).longValue()).toList();
    }
}
