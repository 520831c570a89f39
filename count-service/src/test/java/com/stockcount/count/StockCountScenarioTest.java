package com.stockcount.count;

import static com.stockcount.count.support.Api.as;
import static com.stockcount.count.support.Api.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.count.support.TopicReader;
import com.stockcount.platform.json.Json;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 1, "Stock Count", step by step: a stock count of one warehouse bin holding a BULK, a LOT, a
 * SERIAL and an RFID product, counted by typing, serial scans and RFID reads, one line left blank,
 * variances reviewed, completed; downstream receives the counted lines and the serials seen and expected.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class StockCountScenarioTest {

    private static final String WAREHOUSE = "WH-9";
    private static final String CLERK = token("clerk", List.of(WAREHOUSE), "create:stock-count", "update:stock-count");
    private static final String GTIN_SERIAL = "00000000000503";
    private static final String GTIN_RFID = "00000000000504";

    @BeforeAll
    static void inventory() {
        Map<String, Object> lot = new HashMap<>(InventoryStub.quant("w2", "GLUE", "A-01", 6, "00000000000502"));
        lot.put("tracking", "LOT");
        lot.put("lot", "L-7");
        Map<String, Object> serial = new HashMap<>(InventoryStub.quant("w3", "DRILL", "A-01", 3, GTIN_SERIAL));
        serial.put("tracking", "SERIAL");
        serial.put("units", List.of("D1", "D2", "D3"));
        Map<String, Object> rfid = new HashMap<>(InventoryStub.quant("w4", "JACKET", "A-01", 2, GTIN_RFID));
        rfid.put("tracking", "RFID");
        rfid.put("units", List.of("30340001", "30340002"));
        Inventory.site(WAREHOUSE, List.of(InventoryStub.quant("w1", "SCREWS", "A-01", 100, "00000000000501"), lot,
                serial, rfid, InventoryStub.quant("w5", "NAILS", "A-01", 40, "00000000000505"),
                InventoryStub.quant("w6", "BOLTS", "B-07", 12, "00000000000506")));
    }

    private static void observe(String session, CodeKind kind, String code, String gtin, String serial) throws Exception {
        String id = UUID.randomUUID().toString();
        ScanObserved scan = new ScanObserved(id, session, "reader-1", kind, code, gtin, serial, null, null, Instant.now());
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-scanner", Map.of())) {
            producer.send(EventRecords.event(Topics.SCAN_OBSERVATION, session, id, ScanObserved.TYPE,
                    ScanObserved.VERSION, Instant.now(), null, scan)).get();
        }
    }

    private static JsonPath lines(String session) {
        return as(CLERK).get("/sessions/" + session + "/lines").then().statusCode(200).extract().jsonPath();
    }

    private static void type(String session, String sku, int quantity) {
        String lineId = lines(session).getString("items.find { it.sku == '" + sku + "' }.id");
        as(CLERK).contentType("application/json").body(Map.of("countedQuantity", quantity))
                .put("/sessions/" + session + "/lines/" + lineId).then().statusCode(200);
    }

    @Test
    void aSingleBinIsCountedAndCompletedWithItsSerials() throws Exception {
        // Step 1: "Select the warehouse, select a specific bin, add notes, Create."
        JsonPath count = as(CLERK).contentType("application/json")
                .body(Map.of("site", WAREHOUSE, "name", "Bin A-01", "type", "HARD", "bin", "A-01", "notes", "after inbound"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        String session = count.getString("sessions[0].id");
        // "The session is created in DRAFT status with one count line per quant. Counted Quantity = blank."
        assertThat(count.getString("sessions[0].status")).isEqualTo("DRAFT");
        JsonPath snapshot = lines(session);
        assertThat(snapshot.getList("items.sku")).containsExactly("SCREWS", "GLUE", "DRILL", "JACKET", "NAILS");
        assertThat(snapshot.getList("items.systemQuantity")).containsExactly(100, 6, 3, 2, 40);
        assertThat(snapshot.getList("items.countedQuantity")).containsOnlyNulls();

        // Step 2: count. BULK and LOT: "enter the counted quantity; the system calculates the variance".
        as(CLERK).post("/sessions/" + session + "/start").then().statusCode(200);
        type(session, "SCREWS", 97);
        type(session, "GLUE", 6);
        // SERIAL: "scan or type each serial number present; the system counts the scanned codes"
        // (D2 scanned twice, D3 missing, D4 typed and not expected).
        observe(session, CodeKind.BARCODE, "(01)" + GTIN_SERIAL + "(21)D1", GTIN_SERIAL, "D1");
        observe(session, CodeKind.BARCODE, "(01)" + GTIN_SERIAL + "(21)D2", GTIN_SERIAL, "D2");
        observe(session, CodeKind.BARCODE, "(01)" + GTIN_SERIAL + "(21)D2", GTIN_SERIAL, "D2");
        String drill = lines(session).getString("items.find { it.sku == 'DRILL' }.id");
        as(CLERK).contentType("application/json").body(Map.of("serial", "D4"))
                .post("/sessions/" + session + "/lines/" + drill + "/serials").then().statusCode(200);
        // RFID: "scan all RFID tags at the bin using your reader" (the reader sees each tag several times).
        observe(session, CodeKind.EPC, "30340001", GTIN_RFID, "1");
        observe(session, CodeKind.EPC, "30340001", GTIN_RFID, "1");
        observe(session, CodeKind.EPC, "30340001", GTIN_RFID, "1");
        // NAILS is not visited: its line stays blank.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                lines(session).getList("items.countedQuantity").stream().filter(q -> q != null).count() == 4
                        && Integer.valueOf(3).equals(lines(session).get("items.find { it.sku == 'DRILL' }.countedQuantity")));

        // A foreign tag (a visitor's jacket) is read too: its EPC decodes to no product, so it is unmatched and
        // blocks completion until it is dismissed with a reason.
        observe(session, CodeKind.EPC, "E2801160600002", null, null);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> as(CLERK).get("/sessions/" + session)
                .then().extract().jsonPath().getInt("categories.unmatched") == 1);
        as(CLERK).post("/sessions/" + session + "/complete").then().statusCode(409);
        String foreign = as(CLERK).queryParam("category", "UNMATCHED").get("/sessions/" + session + "/scans")
                .then().statusCode(200).extract().jsonPath().getString("items[0].id");
        as(CLERK).contentType("application/json").body(Map.of("reason", " "))
                .post("/sessions/" + session + "/scans/" + foreign + "/dismiss").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(CLERK).contentType("application/json").body(Map.of("reason", "visitor's jacket"))
                .post("/sessions/" + session + "/scans/" + foreign + "/dismiss").then().statusCode(200)
                .body("category", equalTo("DISMISSED")).body("reason", equalTo("visitor's jacket"));

        // Step 3: "review any lines with a non-zero variance".
        JsonPath review = lines(session);
        assertThat(review.getList("items.variance")).containsExactly(-3, 0, 0, -1, null);
        assertThat(review.getList("items.countedQuantity")).containsExactly(97, 6, 3, 1, null);

        // Step 4: "Complete": COMPLETED with completedAt.
        as(CLERK).post("/sessions/" + session + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("totals.blankLines", equalTo(1));

        List<ConsumerRecord<String, byte[]>> published = TopicReader.await(Topics.COUNT_SESSION, session, 3);
        assertThat(published).extracting(EventRecords::eventType)
                .containsExactly(SessionResultPart.TYPE, SessionSerialsPart.TYPE, SessionCompleted.TYPE);
        SessionResultPart part = Json.read(published.get(0).value(), SessionResultPart.class);
        // "Lines you never counted are skipped entirely."
        assertThat(part.lines()).extracting(CountedLine::sku, CountedLine::countedQuantity).containsExactly(
                tuple("SCREWS", 97L), tuple("GLUE", 6L), tuple("DRILL", 3L), tuple("JACKET", 1L));
        SessionSerialsPart serials = Json.read(published.get(1).value(), SessionSerialsPart.class);
        // "For SERIAL/RFID items with missing tags: detaches the units not scanned" — downstream needs seen and expected.
        assertThat(serials.serials()).extracting(LineSerial::serial, LineSerial::expected, LineSerial::seen)
                .containsExactlyInAnyOrder(tuple("D1", true, true), tuple("D2", true, true), tuple("D3", true, false),
                        tuple("D4", false, true), tuple("30340001", true, true), tuple("30340002", true, false));
        SessionCompleted completed = Json.read(published.get(2).value(), SessionCompleted.class);
        assertThat(completed.completedBy()).isEqualTo("clerk");
        assertThat(completed.serialParts()).isEqualTo(1);
        assertThat(completed.serials()).isEqualTo(6);
    }
}
