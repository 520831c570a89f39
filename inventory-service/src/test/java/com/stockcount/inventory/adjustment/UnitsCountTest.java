package com.stockcount.inventory.adjustment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.inventory.Fixtures;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An RFID count of a bin: units seen here but linked elsewhere move here, unknown tags become units
 * here, units linked here but not seen are detached, and the quantities follow the units, in
 * whichever order the count's correction and its units arrive.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class UnitsCountTest {

    @Inject
    AdjustmentService adjustments;

    @Inject
    UnitsCountService units;

    @ParameterizedTest(name = "correction first: {0}")
    @ValueSource(booleans = {true, false})
    void unitsFollowWhatWasSeenAndQuantitiesFollowTheUnits(boolean correctionFirst) throws Exception {
        String site = Fixtures.site();
        String here = Fixtures.bin(site, "Sales floor");
        String there = Fixtures.bin(site, "Backstock");
        String sku = Fixtures.product("RFID");
        String hereQuant = receive(site, here, sku, List.of("S1", "S2", "S3", "S4", "S5"));
        String thereQuant = receive(site, there, sku, List.of("S6"));
        Instant countedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // a unit received after the shelf was read is neither seen nor to be detached
        receive(site, here, sku, List.of("S7"));

        // The reader saw S1-S3, S6 (linked to the backstock bin) and S9 (never received); not S4, S5.
        QuantKey key = new QuantKey(site, here, sku, "");
        AdjustmentRequested correction = new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", 5,
                countedAt, "session-1", "count-1", "line-1", 1, Instant.now(), AdjustmentRequested.KIND_COUNT, 1);
        UnitsCounted part0 = new UnitsCounted(UUID.randomUUID().toString(), key, "count-1", 1, countedAt, 0, 2,
                List.of("S1", "S2", "S6"));
        UnitsCounted part1 = new UnitsCounted(UUID.randomUUID().toString(), key, "count-1", 1, countedAt, 1, 2,
                List.of("S3", "S9"));
        if (correctionFirst) {
            adjustments.apply(correction);
        }
        units.apply(part0);
        UnitsCountService.Result last = units.apply(part1);
        if (!correctionFirst) {
            adjustments.apply(correction);
        }
        assertThat(last.detached()).isEqualTo(2);
        assertThat(units.apply(part1).duplicate()).isTrue();

        assertThat(serials(site, hereQuant)).containsExactlyInAnyOrder("S1", "S2", "S3", "S6", "S7", "S9");
        assertThat(quantity(site, hereQuant)).isEqualTo(6);
        assertThat(serials(site, thereQuant)).isEmpty();
        assertThat(quantity(site, thereQuant)).isZero();
    }

    @ParameterizedTest(name = "correction first: {0}")
    @ValueSource(booleans = {true, false})
    void aWithdrawnCountPutsBackTheUnitsItMovedDetachedAndCreated(boolean correctionFirst) throws Exception {
        Counted counted = countedShelf(correctionFirst);
        assertThat(serials(counted.site(), counted.hereQuant())).containsExactlyInAnyOrder("S1", "S6", "S9");

        AdjustmentRequested withdraw = withdraw(counted.key(), 2);
        assertThat(adjustments.apply(withdraw)).isEqualTo(AdjustmentService.Outcome.APPLIED);

        assertAsBeforeTheCount(counted);
        assertThat(unitsOf(counted.site())).containsExactlyInAnyOrder("S1", "S2", "S6");
        // the ledger says so too: the unit moves back are entries of the WITHDRAW, and the entries sum to the quantity
        assertThat(movesOf(counted.site(), counted.there(), withdraw.requestId())).containsExactly(1);
        assertThat(movesOf(counted.site(), counted.key().binCode(), withdraw.requestId())).containsExactly(-1);
        assertThat(quantityAt(counted.site(), counted.hereQuant(), Instant.now())).isEqualTo(2);
        assertThat(quantityAt(counted.site(), counted.thereQuant(), Instant.now())).isEqualTo(1);

        // redelivered, or withdrawn again by a later version: the changes were taken back once
        assertThat(adjustments.apply(withdraw)).isEqualTo(AdjustmentService.Outcome.DUPLICATE);
        assertThat(adjustments.apply(withdraw(counted.key(), 3))).isEqualTo(AdjustmentService.Outcome.APPLIED);
        assertAsBeforeTheCount(counted);
    }

    @Test
    void aUnitThatMovedAfterTheCountStaysWhereItIsWhenTheCountIsWithdrawn() throws Exception {
        Counted counted = countedShelf(true);
        String site = counted.site();
        // after the count: S6 (moved here by it) is picked, S2 (detached by it) is received in the backstock
        Fixtures.post("/sites/" + site + "/picks", Map.of("sku", counted.key().sku(), "bin", counted.key().binCode(),
                "serials", List.of("S6"))).statusCode(201);
        receive(site, counted.there(), counted.key().sku(), List.of("S2"));

        adjustments.apply(withdraw(counted.key(), 2));

        // only S9, created by the count and still where it left it, is taken back
        assertThat(serials(site, counted.hereQuant())).containsExactly("S1");
        assertThat(quantity(site, counted.hereQuant())).isEqualTo(1);
        assertThat(serials(site, counted.thereQuant())).containsExactly("S2");
        assertThat(quantity(site, counted.thereQuant())).isEqualTo(1);
        assertThat(unitsOf(site)).containsExactlyInAnyOrder("S1", "S2");
    }

    /** A sales-floor quant (S1, S2) counted by count-1, and the backstock quant whose S6 it found on the floor. */
    private record Counted(String site, String there, String hereQuant, String thereQuant, QuantKey key) {
    }

    /** count-1 saw S1, S6 (linked to the backstock) and S9 (never received), not S2; correction before or after. */
    private Counted countedShelf(boolean correctionFirst) throws Exception {
        String site = Fixtures.site();
        String here = Fixtures.bin(site, "Sales floor");
        String there = Fixtures.bin(site, "Backstock");
        String sku = Fixtures.product("RFID");
        String hereQuant = receive(site, here, sku, List.of("S1", "S2"));
        String thereQuant = receive(site, there, sku, List.of("S6"));
        Instant countedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuantKey key = new QuantKey(site, here, sku, "");
        AdjustmentRequested correction = new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", 3,
                countedAt, "session-1", "count-1", "line-1", 1, Instant.now(), AdjustmentRequested.KIND_COUNT, 1);
        UnitsCounted seen = new UnitsCounted(UUID.randomUUID().toString(), key, "count-1", 1, countedAt, 0, 1,
                List.of("S1", "S6", "S9"));
        if (correctionFirst) {
            adjustments.apply(correction);
        }
        units.apply(seen);
        if (!correctionFirst) {
            adjustments.apply(correction);
        }
        return new Counted(site, there, hereQuant, thereQuant, key);
    }

    private static void assertAsBeforeTheCount(Counted counted) {
        assertThat(serials(counted.site(), counted.hereQuant())).containsExactlyInAnyOrder("S1", "S2");
        assertThat(quantity(counted.site(), counted.hereQuant())).isEqualTo(2);
        assertThat(serials(counted.site(), counted.thereQuant())).containsExactly("S6");
        assertThat(quantity(counted.site(), counted.thereQuant())).isEqualTo(1);
    }

    private static AdjustmentRequested withdraw(QuantKey key, int version) {
        return new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", 0, null, "session-1",
                "count-1", "line-1", 1, Instant.now(), AdjustmentRequested.KIND_WITHDRAW, version);
    }

    private static List<Integer> movesOf(String site, String bin, String requestId) {
        return when().get("/sites/" + site + "/ledger?type=move&bin=" + bin + "&limit=1000").then().statusCode(200)
                .extract().path("items.findAll { it.requestId == '" + requestId + "' }.delta");
    }

    private static long quantityAt(String site, String quantId, Instant at) {
        return when().get("/sites/" + site + "/quants/" + quantId + "/quantity-at?at=" + at).then().statusCode(200)
                .extract().<Integer>path("quantity");
    }

    private static List<String> unitsOf(String site) {
        return when().get("/sites/" + site + "/units?limit=1000").then().statusCode(200).extract().path("items.serial");
    }

    private static String receive(String site, String bin, String sku, List<String> serials) {
        return Fixtures.post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "serials", serials))
                .statusCode(201).extract().path("quant.id");
    }

    private static long quantity(String site, String quantId) {
        return when().get("/sites/" + site + "/quants/" + quantId).then().statusCode(200).extract()
                .<Integer>path("quantity");
    }

    private static List<String> serials(String site, String quantId) {
        return when().get("/sites/" + site + "/quants/" + quantId + "/units?limit=1000").then().statusCode(200)
                .extract().path("items.serial");
    }
}
