package com.stockcount.count;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.testsupport.RealInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A whole-site count of 20,000 quants: read from inventory in pages, stored as chunked events, listed
 * page by page, and snapshotted so that a line command does not replay the whole history.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class LargeSessionTest {

    private static final int QUANTS = 20_000;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTwentyThousandLineSessionIsSnapshottedPagedAndCountable() throws Exception {
        Inventory.site("DC-1", IntStream.rangeClosed(1, QUANTS)
                .mapToObj(n -> InventoryStub.quant("dc" + n, "SKU-" + n, "BIN-" + (n % 400), n % 50,
                        String.format("%014d", 100_000 + n)))
                .toList());

        JsonPath count = given().contentType("application/json")
                .body(Map.of("site", "DC-1", "name", "Year-end", "type", "HARD"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String session = count.getString("sessions[0].id");
        assertThat(count.getInt("sessions[0].totals.lines")).isEqualTo(QUANTS);

        // the snapshot arrived as one creation event and 20 chunks of 1,000 lines
        assertThat(longQuery("select count(*) from domain_event_entry where aggregate_identifier = ?", session))
                .isEqualTo(21);
        // taken off the command's thread, so it lands shortly after the answer
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                longQuery("select count(*) from snapshot_event_entry where aggregate_identifier = ?", session))
                .isPositive());

        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.get("/sessions/" + session + "/lines").then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id");
            assertThat(items).hasSizeLessThanOrEqualTo(1000);
            ids.addAll(items);
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);
        assertThat(ids).hasSize(QUANTS);
        assertThat(pages).isEqualTo(20);

        given().post("/sessions/" + session + "/start").then().statusCode(200);
        given().contentType("application/json").body(Map.of("countedQuantity", 77))
                .put("/sessions/" + session + "/lines/19999")
                .then().statusCode(200).body("sku", equalTo("SKU-19999")).body("countedQuantity", equalTo(77));
        given().get("/sessions/" + session).then().statusCode(200)
                .body("totals.countedLines", equalTo(1)).body("totals.blankLines", equalTo(QUANTS - 1));
    }

    private long longQuery(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
