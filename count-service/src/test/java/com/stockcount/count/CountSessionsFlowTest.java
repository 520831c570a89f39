package com.stockcount.count;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A store count divided into sessions by area, worked in parallel, and its progress in the counts list. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class CountSessionsFlowTest {

    @BeforeAll
    static void inventory() {
        Map<String, Object> display = new HashMap<>(InventoryStub.quant("m3", "SKU-M3", "D-01", 4, "00000000000203"));
        display.put("area", "Display");
        Inventory.site("STORE-M", List.of(
                InventoryStub.quant("m1", "SKU-M1", "B-01", 10, "00000000000201"),
                InventoryStub.quant("m2", "SKU-M2", "B-02", 6, "00000000000202"),
                display));
    }

    private static JsonPath newSession(String countId, Map<String, String> body) {
        return given().contentType("application/json").body(body).post("/counts/" + countId + "/sessions")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void sessionsSnapshotTheirOwnScopeAndRunInParallel() {
        String countId = given().contentType("application/json")
                .body(Map.of("site", "STORE-M", "name", "Store cycle count", "type", "HARD"))
                .post("/counts").then().statusCode(201).extract().jsonPath().getString("id");

        JsonPath backstock = newSession(countId, Map.of("name", "Backstock", "area", "Backstock"));
        assertThat(backstock.getString("area")).isEqualTo("Backstock");
        assertThat(backstock.getString("status")).isEqualTo("DRAFT");
        assertThat(backstock.getInt("totals.lines")).isEqualTo(2);
        JsonPath shelf = newSession(countId, Map.of("name", "Shelf D-01", "bin", "D-01"));
        assertThat(shelf.getInt("totals.lines")).isEqualTo(1);
        assertThat(shelf.getString("bin")).isEqualTo("D-01");

        // Both are counted at the same time by different people.
        given().post("/sessions/" + backstock.getString("id") + "/start").then().statusCode(200);
        given().post("/sessions/" + shelf.getString("id") + "/start").then().statusCode(200);
        given().contentType("application/json").body(Map.of("countedQuantity", 9))
                .put("/sessions/" + backstock.getString("id") + "/lines/1").then().statusCode(200);
        given().contentType("application/json").body(Map.of("countedQuantity", 4))
                .put("/sessions/" + shelf.getString("id") + "/lines/1").then().statusCode(200);
        given().post("/sessions/" + shelf.getString("id") + "/complete").then().statusCode(200);

        JsonPath count = given().get("/counts/" + countId).then().statusCode(200).extract().jsonPath();
        assertThat(count.getList("sessions.name")).containsExactly("Session 1", "Backstock", "Shelf D-01");
        assertThat(count.getInt("progress.sessions")).isEqualTo(3);
        assertThat(count.getInt("progress.completedSessions")).isEqualTo(1);
        assertThat(count.getLong("progress.linesCounted")).isEqualTo(2);

        JsonPath listed = given().queryParam("site", "STORE-M").get("/counts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(listed.getInt("items.find { it.id == '" + countId + "' }.progress.linesCounted")).isEqualTo(2);
    }

    @Test
    void aSessionNeedsANameAndOneScopeWithinTheCount() {
        String countId = given().contentType("application/json")
                .body(Map.of("site", "STORE-M", "name", "Bin B-01", "type", "HARD", "bin", "B-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath().getString("id");
        given().contentType("application/json").body(Map.of("area", "Backstock"))
                .post("/counts/" + countId + "/sessions").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType("application/json").body(Map.of("name", "x", "bin", "B-02"))
                .post("/counts/" + countId + "/sessions").then().statusCode(400).body("errors[0].field", equalTo("bin"));
        given().contentType("application/json").body(Map.of("name", "x", "bin", "B-01", "area", "Backstock"))
                .post("/counts/" + countId + "/sessions").then().statusCode(400).body("errors[0].field", equalTo("bin"));
        given().contentType("application/json").body(Map.of("name", "x"))
                .post("/counts/nope/sessions").then().statusCode(404);
        // no area given: the count's scope (its one bin)
        assertThat(newSession(countId, Map.of("name", "Second pass")).getInt("totals.lines")).isEqualTo(1);
    }
}
