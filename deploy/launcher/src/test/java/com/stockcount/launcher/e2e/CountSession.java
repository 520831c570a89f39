package com.stockcount.launcher.e2e;

import static io.restassured.RestAssured.given;

import com.stockcount.launcher.Service;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An associate working one count session through count-service's public API. */
final class CountSession {

    final String countId;
    final String id;
    private final String token;

    private CountSession(String countId, String id, String token) {
        this.countId = countId;
        this.id = id;
        this.token = token;
    }

    private RequestSpecification countService() {
        return given().baseUri(RunningStack.url(Service.COUNT)).header("Authorization", "Bearer " + token);
    }

    /** A HARD count of one bin; its default session snapshots the bin's quants. */
    static CountSession ofBin(Store store, String bin) {
        JsonPath count = given().baseUri(RunningStack.url(Service.COUNT)).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + store.managerToken)
                .body(Map.of("site", store.site, "name", "Count of " + bin, "type", "HARD", "bin", bin))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        return new CountSession(count.getString("id"), count.getString("sessions[0].id"), store.managerToken);
    }

    void startCounting() {
        countService().post("/sessions/" + id + "/start").then().statusCode(200);
    }

    /** sku → line id, for every line of the session. */
    Map<String, String> lineIdsBySku() {
        Map<String, String> bySku = new HashMap<>();
        for (Map<String, Object> line : lines()) {
            bySku.put((String) line.get("sku"), (String) line.get("id"));
        }
        return bySku;
    }

    List<Map<String, Object>> lines() {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        String next = null;
        do {
            JsonPath page = countService()
                    .get("/sessions/" + id + "/lines?limit=1000" + (next == null ? "" : "&after=" + next))
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            next = page.getString("next");
        } while (next != null);
        return all;
    }

    /** Every scan of the session in one category (COUNTED, UNMATCHED, …), read page by page. */
    List<Map<String, Object>> scans(String category) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        String next = null;
        do {
            JsonPath page = countService()
                    .get("/sessions/" + id + "/scans?category=" + category + "&limit=1000"
                            + (next == null ? "" : "&after=" + next))
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            next = page.getString("next");
        } while (next != null);
        return all;
    }

    void count(String lineId, long quantity) {
        countService().contentType(ContentType.JSON)
                .body(Map.of("countedQuantity", quantity))
                .put("/sessions/" + id + "/lines/" + lineId).then().statusCode(200);
    }

    /** Counts many lines of the session's bin at once, as typed in the hand-count screen: sku → quantity. */
    void handCount(Map<String, Long> quantities) {
        List<Map<String, Object>> items = quantities.entrySet().stream()
                .map(e -> Map.<String, Object>of("sku", e.getKey(), "quantity", e.getValue())).toList();
        countService().contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/sessions/" + id + "/hand-counts").then().statusCode(200);
    }

    /** Scans a barcode {@code times} times with a handheld, through scan-ingest. */
    void scan(String barcode, int times) {
        List<Map<String, Object>> scans = java.util.stream.IntStream.range(0, times)
                .mapToObj(i -> Map.<String, Object>of("code", barcode)).toList();
        given().baseUri(RunningStack.url(Service.SCAN_INGEST)).contentType(ContentType.JSON)
                .body(Map.of("deviceId", "handheld-1", "scans", scans))
                .post("/sessions/" + id + "/scans").then().statusCode(202);
    }

    JsonPath complete() {
        return countService().post("/sessions/" + id + "/complete")
                .then().statusCode(200).extract().jsonPath();
    }

    JsonPath view() {
        return countService().get("/sessions/" + id)
                .then().statusCode(200).extract().jsonPath();
    }
}
