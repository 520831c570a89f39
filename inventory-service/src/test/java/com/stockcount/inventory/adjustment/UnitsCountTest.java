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
