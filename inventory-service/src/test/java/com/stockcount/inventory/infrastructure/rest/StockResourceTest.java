package com.stockcount.inventory.infrastructure.rest;

import static com.stockcount.inventory.Fixtures.post;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.stockcount.inventory.Fixtures;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class StockResourceTest {

    @Test
    void aBulkReceiptCreatesThenGrowsTheQuantAndWritesTheLedger() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Backstock");
        String sku = Fixtures.product("BULK");

        String quantId = post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "quantity", 5))
                .statusCode(201)
                .body("quant.quantity", equalTo(5)).body("quant.lot", equalTo(""))
                .body("entry.type", equalTo("receipt")).body("entry.delta", equalTo(5))
                .extract().path("quant.id");
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "quantity", 3)).statusCode(201)
                .body("quant.id", equalTo(quantId)).body("quant.quantity", equalTo(8))
                .body("entry.quantityAfter", equalTo(8));

        given().queryParam("bin", bin).when().get("/sites/" + site + "/quants").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(quantId)).body("items[0].sku", equalTo(sku))
                .body("items[0].bin", equalTo(bin)).body("items[0].area", equalTo("Backstock"))
                .body("items[0].quantity", equalTo(8)).body("items[0].tracking", equalTo("BULK"))
                .body("items[0].gtins[0].size()", equalTo(14)).body("items[0].unitCost", equalTo(2.5f))
                .body("items[0].parent", equalTo("Style " + sku)).body("items[0].name", equalTo("Product " + sku));
        given().queryParam("type", "receipt").when().get("/sites/" + site + "/ledger").then().statusCode(200)
                .body("items.delta", contains(5, 3)).body("items.quantityAfter", contains(5, 8))
                .body("items[0].sku", equalTo(sku)).body("items[0].bin", equalTo(bin));
    }

    @Test
    void lotProductsKeepOneQuantPerLot() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Backstock");
        String sku = Fixtures.product("LOT");
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "lot", "L1", "quantity", 4)).statusCode(201);
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "lot", "L2", "quantity", 6)).statusCode(201);
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "quantity", 6)).statusCode(400)
                .body("errors.field", hasItem("lot"));
        given().queryParam("sku", sku).when().get("/sites/" + site + "/quants").then().statusCode(200)
                .body("items.lot", contains("L1", "L2")).body("items.quantity", contains(4, 6));
    }

    @Test
    void serialsBecomeUnitsOfTheQuantAndAreNeverInStockTwice() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Stockroom");
        String other = Fixtures.bin(site, "Stockroom");
        String sku = Fixtures.product("SERIAL");
        String quantId = post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "serials", List.of("SN2", "SN1")))
                .statusCode(201).body("quant.quantity", equalTo(2)).extract().path("quant.id");
        when().get("/sites/" + site + "/quants/" + quantId + "/units").then().statusCode(200)
                .body("items.serial", contains("SN1", "SN2"));

        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", other, "serials", List.of("SN3", "SN1")))
                .statusCode(409).body("errors[0].field", equalTo("serials[1]"));
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "serials", List.of("SN4", "SN4")))
                .statusCode(400).body("errors[0].field", equalTo("serials[1]"));
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "serials", List.of("SN5"), "quantity", 2))
                .statusCode(400).body("errors[0].field", equalTo("quantity"));
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "quantity", 2))
                .statusCode(400).body("errors[0].field", equalTo("serials"));

        // a picked unit leaves the quant and may be received again elsewhere
        post("/sites/" + site + "/picks", Map.of("sku", sku, "bin", bin, "serials", List.of("SN1"))).statusCode(201)
                .body("quant.quantity", equalTo(1)).body("entry.delta", equalTo(-1));
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", other, "serials", List.of("SN1"))).statusCode(201);
        when().get("/sites/" + site + "/quants/" + quantId + "/units").then().body("items.serial", contains("SN2"));
        when().get("/sites/" + site + "/quants/" + quantId).then().statusCode(200).body("quantity", equalTo(1));
    }

    @Test
    void receiptsAreRefusedNamingTheFieldWhenTheRulesOfTheProductAreBroken() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Backstock");
        String bulk = Fixtures.product("BULK");
        post("/sites/" + site + "/receipts", Map.of("bin", bin, "quantity", 1)).statusCode(400)
                .body("errors.field", hasItem("sku"));
        post("/sites/" + site + "/receipts", Map.of("sku", bulk, "bin", bin, "quantity", 0)).statusCode(400)
                .body("errors.field", hasItem("quantity"));
        post("/sites/" + site + "/receipts", Map.of("sku", bulk, "bin", bin, "quantity", 1, "lot", "L9")).statusCode(400)
                .body("errors.field", hasItem("lot"));
        post("/sites/" + site + "/receipts", Map.of("sku", bulk, "bin", "nope", "quantity", 1)).statusCode(400)
                .body("errors.field", hasItem("bin"));
        post("/sites/" + site + "/receipts", Map.of("sku", "nope", "bin", bin, "quantity", 1)).statusCode(400)
                .body("errors.field", hasItem("sku"));
        post("/sites/nope/receipts", Map.of("sku", bulk, "bin", bin, "quantity", 1)).statusCode(404);
        post("/sites/" + site + "/receipts", Map.of("sku", bulk, "bin", bin, "quantity", "many")).statusCode(400)
                .body("errors.field", hasItem("quantity"));
    }

    @Test
    void aReceiptIdMakesTheReceiptIdempotent() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Receiving");
        String sku = Fixtures.product("BULK");
        Map<String, Object> receipt = Map.of("sku", sku, "bin", bin, "quantity", 7, "receiptId", "R-1");
        JsonPath first = post("/sites/" + site + "/receipts", receipt).statusCode(201).extract().jsonPath();
        JsonPath again = post("/sites/" + site + "/receipts", receipt).statusCode(201).extract().jsonPath();
        assertThat(again.getLong("entry.id")).isEqualTo(first.getLong("entry.id"));
        assertThat(again.getLong("quant.quantity")).isEqualTo(7);
        post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", bin, "quantity", 8, "receiptId", "R-1"))
                .statusCode(409);
        when().get("/sites/" + site + "/ledger").then().body("items", hasSize(1)).body("items[0].requestId", equalTo("R-1"));
    }

    @Test
    void aPickNeverTakesAQuantBelowZero() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Display");
        String sku = Fixtures.product("BULK");
        String quantId = Fixtures.receive(site, bin, sku, 3);
        post("/sites/" + site + "/picks", Map.of("sku", sku, "bin", bin, "quantity", 4)).statusCode(409)
                .body("detail", containsString("only 3"));
        post("/sites/" + site + "/picks", Map.of("sku", sku, "bin", bin, "quantity", 3)).statusCode(201)
                .body("quant.quantity", equalTo(0)).body("entry.type", equalTo("pick"));
        // an empty quant is not listed, but still readable by id
        given().queryParam("bin", bin).when().get("/sites/" + site + "/quants").then().body("items", hasSize(0));
        when().get("/sites/" + site + "/quants/" + quantId).then().statusCode(200).body("quantity", equalTo(0));
        when().get("/sites/" + site + "/quants/999999999").then().statusCode(404);
        when().get("/sites/" + site + "/quants/abc").then().statusCode(404);
    }

    @Test
    void quantsArePagedByIdThroughSeveralPagesWithFilters() {
        String site = Fixtures.site();
        String display = Fixtures.bin(site, "Display");
        String backstock = Fixtures.bin(site, "Backstock");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(Fixtures.receive(site, i % 2 == 0 ? display : backstock, Fixtures.product("BULK"), i + 1));
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (next != null) {
                request.queryParam("after", next);
            }
            JsonPath page = request.when().get("/sites/" + site + "/quants").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
        given().queryParam("area", "Display").when().get("/sites/" + site + "/quants").then()
                .body("items.id", contains(expected.get(0), expected.get(2), expected.get(4)));
        given().queryParam("after", "x").when().get("/sites/" + site + "/quants").then().statusCode(400)
                .body("errors.field", hasItem("after"));
        when().get("/sites/nope/quants").then().statusCode(404);
    }

    @Test
    void quantityAtAnInstantComesFromTheLedger() throws InterruptedException {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Display");
        String sku = Fixtures.product("BULK");
        Instant before = Instant.now();
        Thread.sleep(5);
        String quantId = Fixtures.receive(site, bin, sku, 10);
        Thread.sleep(5);
        Instant afterReceipt = Instant.now();
        Thread.sleep(5);
        post("/sites/" + site + "/picks", Map.of("sku", sku, "bin", bin, "quantity", 4)).statusCode(201);

        String path = "/sites/" + site + "/quants/" + quantId + "/quantity-at";
        given().queryParam("at", before.toString()).when().get(path).then().statusCode(200).body("quantity", equalTo(0));
        given().queryParam("at", afterReceipt.toString()).when().get(path).then().body("quantity", equalTo(10));
        given().queryParam("at", Instant.now().toString()).when().get(path).then().body("quantity", equalTo(6));
        given().queryParam("at", "yesterday").when().get(path).then().statusCode(400).body("errors.field", hasItem("at"));
        when().get(path).then().statusCode(400).body("errors.field", hasItem("at"));
    }

    @Test
    void theLedgerIsFilteredAndPaged() {
        String site = Fixtures.site();
        String bin = Fixtures.bin(site, "Display");
        String sku = Fixtures.product("BULK");
        Fixtures.receive(site, bin, sku, 2);
        Fixtures.receive(site, bin, sku, 2);
        post("/sites/" + site + "/picks", Map.of("sku", sku, "bin", bin, "quantity", 1)).statusCode(201);
        given().queryParam("type", "pick").when().get("/sites/" + site + "/ledger").then()
                .body("items.delta", contains(-1)).body("items[0].reason", nullValue());
        JsonPath first = given().queryParam("limit", 2).when().get("/sites/" + site + "/ledger").then().extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        given().queryParam("after", first.getString("next")).when().get("/sites/" + site + "/ledger").then()
                .body("items.type", contains("pick")).body("next", nullValue());
        given().queryParam("reason", "stock_count").when().get("/sites/" + site + "/ledger").then()
                .body("items", hasSize(0));
    }
}
