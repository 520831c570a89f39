package com.stockcount.inventory.infrastructure.rest;

import static com.stockcount.inventory.Fixtures.post;
import static com.stockcount.inventory.Fixtures.randomEan13;
import static com.stockcount.inventory.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.stockcount.inventory.Fixtures;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class SiteAndProductResourceTest {

    @Test
    void aSiteIsCreatedOnceAndTheSameDataAgainIsIdempotent() {
        String code = unique("S");
        post("/sites", Map.of("code", code, "name", "Downtown")).statusCode(201).body("code", equalTo(code));
        post("/sites", Map.of("code", code, "name", "Downtown")).statusCode(200).body("name", equalTo("Downtown"));
        post("/sites", Map.of("code", code, "name", "Uptown")).statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));
        when().get("/sites/" + code).then().statusCode(200).body("name", equalTo("Downtown"));
        when().get("/sites/nope-" + code).then().statusCode(404).body("detail", containsString("nope-" + code));
    }

    @Test
    void aSiteWithoutCodeOrWithASlashIsRefusedNamingTheField() {
        post("/sites", Map.of("name", "x")).statusCode(400).body("errors.field", hasItem("code"));
        post("/sites", Map.of("code", "a/b", "name", "x")).statusCode(400).body("errors.field", hasItem("code"));
    }

    @Test
    void sitesArePagedByCode() {
        Fixtures.site();
        Fixtures.site();
        List<String> codes = new ArrayList<>();
        String next = null;
        do {
            var page = given().queryParam("limit", 1).queryParam("after", next == null ? "" : next)
                    .when().get("/sites").then().statusCode(200).extract().jsonPath();
            codes.addAll(page.getList("items.code"));
            next = page.getString("next");
        } while (next != null);
        assertThat(codes).hasSizeGreaterThanOrEqualTo(2).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void binsBelongToASiteAndAreListedByArea() {
        String site = Fixtures.site();
        post("/sites/" + site + "/bins", Map.of("code", "A-01", "area", "Backstock")).statusCode(201);
        post("/sites/" + site + "/bins", Map.of("code", "A-01", "area", "Backstock")).statusCode(200);
        post("/sites/" + site + "/bins", Map.of("code", "A-01", "area", "Display")).statusCode(409);
        post("/sites/" + site + "/bins", Map.of("code", "D-01", "area", "Display")).statusCode(201);
        post("/sites/" + site + "/bins", Map.of("code", "D-02")).statusCode(400).body("errors.field", hasItem("area"));
        post("/sites/nope/bins", Map.of("code", "X", "area", "Display")).statusCode(404);

        when().get("/sites/" + site + "/bins/A-01").then().statusCode(200).body("area", equalTo("Backstock"));
        when().get("/sites/" + site + "/bins/Z-99").then().statusCode(404);
        given().queryParam("area", "Display").when().get("/sites/" + site + "/bins").then().statusCode(200)
                .body("items.code", contains("D-01")).body("next", nullValue());
        given().queryParam("limit", 1).when().get("/sites/" + site + "/bins").then().statusCode(200)
                .body("items.code", contains("A-01")).body("next", equalTo("A-01"));
        given().queryParam("limit", 5000).when().get("/sites/" + site + "/bins").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void gtinsOfEveryFormAreStoredAsGtin14AndFoundByAnyForm() {
        String sku = unique("SKU");
        post("/products", product(sku, List.of("036000291452", "96385074"), "BULK")).statusCode(201)
                .body("gtins", contains("00000096385074", "00036000291452"))
                .body("tracking", equalTo("BULK"))
                .body("unitCost", equalTo(12.5f));
        // same data, GTINs in another form and order: idempotent
        post("/products", product(sku, List.of("00000096385074", "0036000291452"), "BULK")).statusCode(200);
        post("/products", product(sku, List.of("036000291452"), "BULK")).statusCode(409);

        given().queryParam("gtin", "0036000291452").when().get("/products").then().statusCode(200)
                .body("items.sku", contains(sku));
        given().queryParam("gtin", "00036000291452").when().get("/products").then().statusCode(200)
                .body("items.sku", contains(sku));
        when().get("/products/" + sku).then().statusCode(200).body("parent", equalTo("Style of " + sku));
        when().get("/products/unknown-" + sku).then().statusCode(404);
    }

    @Test
    void aGtinWithABadCheckDigitIsA400NamingItsIndex() {
        post("/products", product(unique("SKU"), List.of(randomEan13(), "4006381333932"), "LOT")).statusCode(400)
                .body("errors[0].field", equalTo("gtins[1]"));
    }

    @Test
    void aGtinOwnedByAnotherProductIsAConflict() {
        String gtin = randomEan13();
        post("/products", product(unique("SKU"), List.of(gtin), "BULK")).statusCode(201);
        String other = unique("SKU");
        post("/products", product(other, List.of("0" + gtin), "BULK")).statusCode(409)
                .body("detail", containsString("already belongs"));
        when().get("/products/" + other).then().statusCode(404);
    }

    @Test
    void missingSkuOrUnknownTrackingAreRefusedNamingTheField() {
        Map<String, Object> noSku = new HashMap<>(product("x", List.of(), "BULK"));
        noSku.remove("sku");
        post("/products", noSku).statusCode(400).body("errors.field", hasItem("sku"));
        post("/products", product(unique("SKU"), List.of(), "BOXED")).statusCode(400)
                .body("errors.field", hasItem("tracking"));
        Map<String, Object> negative = new HashMap<>(product(unique("SKU"), List.of(), "BULK"));
        negative.put("unitCost", -1);
        post("/products", negative).statusCode(400).body("errors.field", hasItem("unitCost"));
    }

    @Test
    void productsAreFoundBySkuOrParentPrefix() {
        String stem = unique("TEE");
        post("/products", Map.of("sku", stem + "-S", "name", "Tee S", "parent", "Parent" + stem, "tracking", "BULK",
                "unitCost", 3)).statusCode(201);
        post("/products", Map.of("sku", stem + "-M", "name", "Tee M", "parent", "Parent" + stem, "tracking", "BULK",
                "unitCost", 3)).statusCode(201);
        given().queryParam("q", stem).when().get("/products").then().statusCode(200)
                .body("items.sku", contains(stem + "-M", stem + "-S"));
        given().queryParam("q", "Parent" + stem).queryParam("limit", 1).when().get("/products").then().statusCode(200)
                .body("items.sku", contains(stem + "-M")).body("next", equalTo(stem + "-M"));
        given().queryParam("q", "Parent" + stem).queryParam("after", stem + "-M").when().get("/products").then()
                .statusCode(200).body("items.sku", contains(stem + "-S")).body("next", nullValue());
    }

    private static Map<String, Object> product(String sku, List<String> gtins, String tracking) {
        return Map.of("sku", sku, "name", "Name of " + sku, "parent", "Style of " + sku, "gtins", gtins,
                "tracking", tracking, "unitCost", 12.50);
    }
}
