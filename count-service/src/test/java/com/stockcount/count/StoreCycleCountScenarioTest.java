package com.stockcount.count;

import static com.stockcount.count.support.Api.as;
import static com.stockcount.count.support.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 2, "Start & Complete Session", walked through as its text tells it: a store's DIRECTED cycle
 * count, started at its time, divided into sessions, worked under a lock, scanned (Counted, Undirected,
 * Unmatched, Uncounted), an unmatched item matched with the product search, a wrong scan removed,
 * hand-counted items added, submitted once nothing is unmatched, and re-opened.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class StoreCycleCountScenarioTest {

    private static final String STORE = "STORE-C";
    private static final String MANAGER = token("maria", List.of(STORE), "INV_COUNT_ADMIN");
    private static final String ANN = token("ann", List.of(STORE), "FULFILL_INVCUNT_ADMIN");
    private static final String BOB = token("bob", List.of(STORE), "FULFILL_INVCUNT_ADMIN");
    private static final String ADMIN = token("root", List.of(STORE), "COMMON_ADMIN");

    @BeforeAll
    static void inventory() {
        Map<String, Object> jeans = display(InventoryStub.quant("c1", "JEANS-32", "D-01", 5, "00000000000401"), "Jeans");
        Map<String, Object> jeans34 = display(InventoryStub.quant("c2", "JEANS-34", "D-01", 3, "00000000000402"), "Jeans");
        Map<String, Object> belt = display(InventoryStub.quant("c3", "BELT-1", "D-01", 2, "00000000000403"), "Belt");
        Map<String, Object> cap = display(InventoryStub.quant("c4", "CAP-1", "D-01", 4, "00000000000404"), "Cap");
        Inventory.site(STORE, List.of(jeans, jeans34, belt, cap,
                InventoryStub.quant("c5", "BOX-1", "B-01", 9, "00000000000405")));
    }

    private static Map<String, Object> display(Map<String, Object> quant, String parent) {
        Map<String, Object> q = new HashMap<>(quant);
        q.put("area", "Display");
        q.put("parent", parent);
        return q;
    }

    private static void scan(String session, CodeKind kind, String code, String gtin) throws Exception {
        String id = UUID.randomUUID().toString();
        ScanObserved scan = new ScanObserved(id, session, "handheld-3", kind, code, gtin, null, null, null, Instant.now());
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-scanner", Map.of())) {
            producer.send(EventRecords.event(Topics.SCAN_OBSERVATION, session, id, ScanObserved.TYPE,
                    ScanObserved.VERSION, Instant.now(), null, scan)).get();
        }
    }

    private static JsonPath session(String id) {
        return as(ANN).get("/sessions/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath category(String id, String category) {
        return as(ANN).queryParam("category", category).get("/sessions/" + id + "/scans").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aStoreCycleCountFromStartToReopen() throws Exception {
        // The manager plans a DIRECTED count: jeans and the belt are on the list; it starts in an hour.
        JsonPath count = as(MANAGER).contentType("application/json").body(Map.of("site", STORE, "name", "Denim wall",
                        "type", "DIRECTED", "plannedStart", Instant.now().plusSeconds(3600).toString(),
                        "directed", List.of("JEANS-32", "JEANS-34", "BELT-1")))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String countId = count.getString("id");
        assertThat(count.getList("directed")).containsExactly("JEANS-32", "JEANS-34", "BELT-1");
        // "The system automatically creates one default session."
        assertThat(count.getList("sessions.name")).containsExactly("Session 1");

        // "Managers or associates can create multiple sessions": a session for the Display area.
        JsonPath display = as(ANN).contentType("application/json").body(Map.of("name", "Display wall", "area", "Display"))
                .post("/counts/" + countId + "/sessions").then().statusCode(201).extract().jsonPath();
        String s = display.getString("id");
        assertThat(display.getInt("totals.lines")).isEqualTo(4);

        // "Start counting stays disabled until the start time" without the pre-start permission.
        as(ANN).post("/sessions/" + s + "/start").then().statusCode(409).body("detail", startsWith("counting starts at"));
        as(MANAGER).post("/sessions/" + s + "/start").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));

        // "If a session is active, no other user can work on that same session."
        as(ANN).contentType("application/json").post("/sessions/" + s + "/lock").then().statusCode(200)
                .body("lock.holder", equalTo("ann"));
        as(BOB).contentType("application/json").body(Map.of("name", "Mine now")).patch("/sessions/" + s)
                .then().statusCode(409).body("detail", startsWith("session is locked by ann"));

        // Scanning: the bin label, two jeans, a cap (real, not on the list), and a code no product has.
        scan(s, CodeKind.BIN_LABEL, "D-01", null);
        scan(s, CodeKind.BARCODE, "00000000000401", "00000000000401");
        scan(s, CodeKind.BARCODE, "00000000000401", "00000000000401");
        scan(s, CodeKind.BARCODE, "00000000000404", "00000000000404");
        scan(s, CodeKind.BARCODE, "JEANS-34", null); // a price label printed with the SKU
        scan(s, CodeKind.BARCODE, "00000000000401", "00000000000401");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> session(s).getInt("totals.scans") == 5);

        // "The system will display the total number of units scanned and the number of unique products."
        JsonPath now = session(s);
        assertThat(now.getString("currentBin")).isEqualTo("D-01");
        assertThat(now.getInt("totals.unitsScanned")).isEqualTo(4);
        assertThat(now.getInt("totals.uniqueProducts")).isEqualTo(2);
        assertThat(now.getInt("categories.counted")).isEqualTo(3);
        assertThat(now.getInt("categories.undirected")).isEqualTo(1);
        assertThat(now.getInt("categories.unmatched")).isEqualTo(1);
        assertThat(now.getInt("categories.uncounted")).isEqualTo(2);
        assertThat(category(s, "UNDIRECTED").getList("items.sku")).containsExactly("CAP-1");
        assertThat(category(s, "UNCOUNTED").getList("items.sku")).containsExactly("JEANS-34", "BELT-1");

        // "Submission is blocked until all unmatched items are resolved."
        as(ANN).post("/sessions/" + s + "/complete").then().statusCode(409)
                .body("detail", equalTo("1 unmatched scans remain; match, remove or dismiss them first"));

        // The unmatched card: when, how many scans ago, and the matched scans just before and after.
        JsonPath card = category(s, "UNMATCHED").setRootPath("items[0]");
        String unmatched = card.getString("id");
        assertThat(card.getString("code")).isEqualTo("JEANS-34");
        assertThat(card.getString("scannedAt")).isNotNull();
        assertThat(card.getInt("context.scansAgo")).isEqualTo(1);
        assertThat(card.getString("context.matchedBefore.sku")).isEqualTo("CAP-1");
        assertThat(card.getString("context.matchedAfter.sku")).isEqualTo("JEANS-32");

        // "The system will display possible product matches based on the code"; the associate picks JEANS-34.
        List<String> candidates = as(ANN).get("/sessions/" + s + "/scans/" + unmatched + "/candidates")
                .then().statusCode(200).extract().jsonPath().getList("sku");
        assertThat(candidates).contains("JEANS-34");
        as(BOB).contentType("application/json").body(Map.of("sku", "JEANS-34"))
                .post("/sessions/" + s + "/scans/" + unmatched + "/match").then().statusCode(409);
        as(ANN).contentType("application/json").body(Map.of("sku", "JEANS-34"))
                .post("/sessions/" + s + "/scans/" + unmatched + "/match").then().statusCode(200)
                .body("category", equalTo("COUNTED")).body("sku", equalTo("JEANS-34"));

        // "If a wrong item is scanned, the associate can remove it, and the system will adjust the count."
        String lastJeans = category(s, "COUNTED").getString("items.findAll { it.sku == 'JEANS-32' }[-1].id");
        as(ANN).delete("/sessions/" + s + "/scans/" + lastJeans).then().statusCode(200)
                .body("totals.unitsScanned", equalTo(4));
        assertThat(as(ANN).get("/sessions/" + s + "/lines").then().extract().jsonPath()
                .getInt("items.find { it.sku == 'JEANS-32' }.countedQuantity")).isEqualTo(2);

        // "Hand-Counted Items": the belt by SKU, then one more jeans by parent name with +.
        as(ANN).contentType("application/json").body(Map.of("items", List.of(Map.of("sku", "BELT-1", "quantity", 2),
                        Map.of("parent", "Jeans", "delta", 1))))
                .post("/sessions/" + s + "/hand-counts").then().statusCode(200);
        // "Hand-counted items can be added in directed counts only when they are already in the directed list."
        as(ANN).contentType("application/json").body(Map.of("items", List.of(Map.of("sku", "CAP-1", "quantity", 1))))
                .post("/sessions/" + s + "/hand-counts").then().statusCode(409)
                .body("detail", equalTo("CAP-1 is not on the directed list of this count"));
        JsonPath lines = as(ANN).get("/sessions/" + s + "/lines").then().extract().jsonPath();
        assertThat(lines.getInt("items.find { it.sku == 'BELT-1' }.countedQuantity")).isEqualTo(2);
        assertThat(lines.getInt("items.find { it.sku == 'JEANS-32' }.countedQuantity")).isEqualTo(3);

        // Submit; "after submission the action bar only shows Re-open session".
        as(ANN).post("/sessions/" + s + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("revision", equalTo(1));
        as(ANN).contentType("application/json").body(Map.of("name", "x")).patch("/sessions/" + s).then().statusCode(409);
        as(ANN).post("/sessions/" + s + "/reopen").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));

        // Ann walks away holding the lock; a manager with COMMON_ADMIN force-releases it, and Bob takes over.
        as(BOB).post("/sessions/" + s + "/lock/force-release").then().statusCode(403);
        as(ADMIN).post("/sessions/" + s + "/lock/force-release").then().statusCode(200);
        as(BOB).contentType("application/json").post("/sessions/" + s + "/lock").then().statusCode(200)
                .body("lock.holder", equalTo("bob"));

        // The counts list shows the progress.
        JsonPath listed = as(MANAGER).queryParam("site", STORE).get("/counts").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getInt("items.find { it.id == '" + countId + "' }.progress.sessions")).isEqualTo(2);
        assertThat(listed.getInt("items.find { it.id == '" + countId + "' }.progress.unitsScanned")).isEqualTo(4);
    }
}
