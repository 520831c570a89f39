package com.stockcount.launcher.e2e;

import static io.restassured.RestAssured.given;

import com.stockcount.launcher.DevTokens;
import com.stockcount.launcher.Service;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a store's back office does through the public APIs, in the words of the domain. */
final class Store {

    final String site;
    /** A manager of this store only: count-service lets a user act within the sites of their token. */
    final String managerToken;
    /** What every product of the tests costs, as count-service would copy it onto a count line. */
    static final java.math.BigDecimal UNIT_COST = new java.math.BigDecimal("2.50");

    private Store(String site) {
        this.site = site;
        this.managerToken = RunningStack.get().tokens().token("manager-of-" + site, List.of(site),
                DevTokens.MANAGER_PERMISSIONS, java.time.Duration.ofHours(2));
    }

    /** A new site with one bin, so each test has stock of its own. */
    static Store open(String bin, String area) {
        Store store = new Store("E2E-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(Map.of("code", store.site, "name", "End-to-end store"))
                .post("/sites").then().statusCode(201);
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(Map.of("code", bin, "area", area))
                .post("/sites/" + store.site + "/bins").then().statusCode(201);
        return store;
    }

    /** One more bin of this store. */
    void bin(String code, String area) {
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(Map.of("code", code, "area", area))
                .post("/sites/" + site + "/bins").then().statusCode(201);
    }

    /** A BULK product with a fresh SKU (unique across tests) and the given GTIN. */
    String bulkProduct(String name, String gtin) {
        return product(name, gtin, "BULK");
    }

    /** An RFID-tagged product with a fresh SKU and the given GTIN: its units are the EPCs of its tags. */
    String rfidProduct(String name, String gtin) {
        return product(name, gtin, "RFID");
    }

    /** A LOT-tracked product with a fresh SKU: its stock is kept per lot. */
    String lotProduct(String name) {
        return product(name, null, "LOT");
    }

    private String product(String name, String gtin, String tracking) {
        String sku = site + "-" + name;
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "name", name, "parent", name, "gtins", gtin == null ? List.of() : List.of(gtin),
                        "tracking", tracking, "unitCost", UNIT_COST))
                .post("/products").then().statusCode(201);
        return sku;
    }

    void receive(String sku, String bin, long quantity) {
        receive(sku, bin, null, quantity);
    }

    void receive(String sku, String bin, String lot, long quantity) {
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(movement(sku, bin, lot, quantity))
                .post("/sites/" + site + "/receipts").then().statusCode(201);
    }

    /** Units of a serialized (SERIAL or RFID) product received into a bin: one per serial (EPC for RFID). */
    void receiveUnits(String sku, String bin, List<String> serials) {
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "bin", bin, "serials", serials))
                .post("/sites/" + site + "/receipts").then().statusCode(201);
    }

    /** A sale or a pick posted live. */
    void pick(String sku, String bin, String lot, long quantity) {
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON)
                .body(movement(sku, bin, lot, quantity))
                .post("/sites/" + site + "/picks").then().statusCode(201);
    }

    private static Map<String, Object> movement(String sku, String bin, String lot, long quantity) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("sku", sku, "bin", bin, "quantity", quantity));
        if (lot != null) {
            body.put("lot", lot);
        }
        return body;
    }

    /** sku → quantity of every quant of the bin, read page by page as any client would. */
    Map<String, Long> quantities(String bin) {
        Map<String, Long> bySku = new java.util.TreeMap<>();
        for (Map<String, Object> quant : pages("/sites/" + site + "/quants?bin=" + bin, null)) {
            bySku.merge((String) quant.get("sku"), ((Number) quant.get("quantity")).longValue(), Long::sum);
        }
        return bySku;
    }

    /** Every quant of the store with stock, in every bin (lot "" for products without lots). */
    List<Map<String, Object>> quants() {
        return pages("/sites/" + site + "/quants", null);
    }

    List<Map<String, Object>> ledger(String reason) {
        return ledgerAfter(reason, null);
    }

    /** Every ledger entry of the site, whatever its reason. */
    List<Map<String, Object>> ledger() {
        return pages("/sites/" + site + "/ledger", null);
    }

    /** The entries of {@code reason} recorded after entry {@code afterId}: follows a growing ledger without re-reading it. */
    List<Map<String, Object>> ledgerAfter(String reason, String afterId) {
        return pages("/sites/" + site + "/ledger?reason=" + reason, afterId);
    }

    private List<Map<String, Object>> pages(String path, String after) {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = after;
        do {
            String separator = path.contains("?") ? "&" : "?";
            JsonPath page = given().baseUri(RunningStack.url(Service.INVENTORY))
                    .get(path + separator + "limit=1000" + (next == null ? "" : "&after=" + next))
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            next = page.getString("next");
        } while (next != null);
        return all;
    }
}
