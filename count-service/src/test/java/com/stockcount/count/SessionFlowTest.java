package com.stockcount.count;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.count.support.TopicReader;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The story of one bin counted by hand: a count of bin A-01 snapshots its four quants, counting
 * starts, one line is found higher, one lower, one equal and one is left blank, the session is
 * completed, and downstream sees exactly the three counted lines, then the completion.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class SessionFlowTest {

    @BeforeAll
    static void inventory() {
        Inventory.site("STORE-1", List.of(
                InventoryStub.quant("q1", "SKU-1", "A-01", 10, "00000000000001"),
                InventoryStub.quant("q2", "SKU-2", "A-01", 5, "00000000000002"),
                InventoryStub.quant("q3", "SKU-3", "A-01", 8, "00000000000003"),
                InventoryStub.quant("q4", "SKU-4", "A-01", 3, "00000000000004"),
                InventoryStub.quant("q5", "SKU-5", "B-02", 7, "00000000000005")));
    }

    static JsonPath createCount(String bin) {
        return given().contentType("application/json")
                .body(Map.of("site", "STORE-1", "name", "Bin " + bin, "type", "HARD", "bin", bin, "notes", "front"))
                .post("/counts")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aBinIsCountedCompletedAndPublishedWithExactlyItsCountedLines() {
        // A manager plans a count of bin A-01: the default session holds one blank line per quant of the bin.
        JsonPath count = createCount("A-01");
        assertThat(count.getString("site")).isEqualTo("STORE-1");
        assertThat(count.getString("bin")).isEqualTo("A-01");
        assertThat(count.getString("type")).isEqualTo("HARD");
        assertThat(count.getString("plannedStart")).isNotNull();
        assertThat(count.getList("sessions")).hasSize(1);
        String session = count.getString("sessions[0].id");
        assertThat(count.getString("sessions[0].status")).isEqualTo("DRAFT");
        assertThat(count.getInt("sessions[0].totals.lines")).isEqualTo(4);
        given().get("/counts/" + count.getString("id")).then().statusCode(200)
                .body("sessions[0].id", equalTo(session));

        JsonPath lines = given().get("/sessions/" + session + "/lines").then().statusCode(200).extract().jsonPath();
        assertThat(lines.getList("items.sku")).containsExactly("SKU-1", "SKU-2", "SKU-3", "SKU-4");
        assertThat(lines.getList("items.countedQuantity")).containsOnlyNulls();
        assertThat(lines.getString("next")).isNull();

        // Nothing can be counted before counting starts.
        given().contentType("application/json").body(Map.of("countedQuantity", 1))
                .put("/sessions/" + session + "/lines/1")
                .then().statusCode(409).body("detail", equalTo("session is DRAFT; start counting first"));

        given().post("/sessions/" + session + "/start").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("startedAt", notNullValue());

        // One line higher, one lower, one equal, the fourth left blank.
        given().contentType("application/json").body(Map.of("countedQuantity", 12))
                .put("/sessions/" + session + "/lines/1")
                .then().statusCode(200).body("countedQuantity", equalTo(12)).body("variance", equalTo(2))
                .body("countedAt", notNullValue());
        given().contentType("application/json").body(Map.of("countedQuantity", 3))
                .put("/sessions/" + session + "/lines/2")
                .then().statusCode(200).body("variance", equalTo(-2));
        given().contentType("application/json").body(Map.of("countedQuantity", 8))
                .put("/sessions/" + session + "/lines/3")
                .then().statusCode(200).body("variance", equalTo(0));
        given().contentType("application/json").body(Map.of("countedQuantity", -1))
                .put("/sessions/" + session + "/lines/3")
                .then().statusCode(400).body("errors[0].field", equalTo("countedQuantity"));
        given().contentType("application/json").body(Map.of("countedQuantity", 1))
                .put("/sessions/" + session + "/lines/99")
                .then().statusCode(404);

        given().post("/sessions/" + session + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("completedAt", notNullValue())
                .body("revision", equalTo(1))
                .body("totals.lines", equalTo(4)).body("totals.countedLines", equalTo(3))
                .body("totals.blankLines", equalTo(1)).body("totals.unitsCounted", equalTo(23));
        given().post("/sessions/" + session + "/complete").then().statusCode(409);

        JsonPath after = given().get("/sessions/" + session + "/lines").then().statusCode(200).extract().jsonPath();
        assertThat(after.getList("items.variance")).containsExactly(2, -2, 0, null);
        assertThat(after.getList("items.countedQuantity")).containsExactly(12, 3, 8, null);

        // Downstream sees the counted lines (the blank one excluded), then the completion.
        List<ConsumerRecord<String, byte[]>> published = TopicReader.await(Topics.COUNT_SESSION, session, 2);
        assertThat(published).hasSize(2);
        ConsumerRecord<String, byte[]> partRecord = published.get(0);
        assertThat(EventRecords.eventType(partRecord)).isEqualTo(SessionResultPart.TYPE);
        assertThat(EventRecords.header(partRecord, EventHeaders.SCHEMA_VERSION)).contains("1");
        assertThat(EventRecords.header(partRecord, EventHeaders.OCCURRED_AT)).isPresent();
        SessionResultPart part = Json.read(partRecord.value(), SessionResultPart.class);
        assertThat(EventRecords.eventId(partRecord)).isEqualTo(part.eventId());
        assertThat(part.part()).isZero();
        assertThat(part.parts()).isEqualTo(1);
        assertThat(part.revision()).isEqualTo(1);
        assertThat(part.lines()).extracting(CountedLine::sku, CountedLine::systemQuantity, CountedLine::countedQuantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-1", 10L, 12L),
                        org.assertj.core.groups.Tuple.tuple("SKU-2", 5L, 3L),
                        org.assertj.core.groups.Tuple.tuple("SKU-3", 8L, 8L));
        assertThat(part.lines()).allSatisfy(l -> {
            assertThat(l.bin()).isEqualTo("A-01");
            assertThat(l.countedAt()).isNotNull();
            assertThat(l.quantId()).startsWith("q");
        });

        ConsumerRecord<String, byte[]> completedRecord = published.get(1);
        assertThat(EventRecords.eventType(completedRecord)).isEqualTo(SessionCompleted.TYPE);
        SessionCompleted completed = Json.read(completedRecord.value(), SessionCompleted.class);
        assertThat(EventRecords.eventId(completedRecord)).isEqualTo(completed.eventId());
        assertThat(completed.sessionId()).isEqualTo(session);
        assertThat(completed.countId()).isEqualTo(count.getString("id"));
        assertThat(completed.siteCode()).isEqualTo("STORE-1");
        assertThat(completed.countType()).isEqualTo("HARD");
        assertThat(completed.revision()).isEqualTo(1);
        assertThat(completed.countedLines()).isEqualTo(3);
        assertThat(completed.parts()).isEqualTo(1);
        assertThat(completed.completedBy()).isEqualTo("manager");
        assertThat(completed.completedAt()).isNotNull();
    }

    @Test
    void aWholeSiteCountSnapshotsEveryBin() {
        JsonPath count = given().contentType("application/json")
                .body(Map.of("site", "STORE-1", "name", "Whole store", "type", "DIRECTED"))
                .post("/counts").then().statusCode(201).extract().jsonPath();
        assertThat(count.getString("bin")).isNull();
        assertThat(count.getInt("sessions[0].totals.lines")).isEqualTo(5);
        given().queryParam("site", "STORE-1").get("/counts").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(count.getString("id")));
    }

    @Test
    void badRequestsNameTheField() {
        given().contentType("application/json").body(Map.of("name", "x", "type", "HARD"))
                .post("/counts").then().statusCode(400).body("errors[0].field", equalTo("site"));
        given().contentType("application/json").body(Map.of("site", "STORE-1", "type", "HARD"))
                .post("/counts").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().contentType("application/json").body(Map.of("site", "STORE-1", "name", "x", "type", "SOFT"))
                .post("/counts").then().statusCode(400).body("errors[0].field", equalTo("type"));
        given().contentType("application/json").body(Map.of("site", "NOWHERE", "name", "x", "type", "HARD"))
                .post("/counts").then().statusCode(400).body("errors[0].field", equalTo("site"));
        given().contentType("application/json").body(Map.of("site", "STORE-1", "name", "x", "type", "HARD", "bin", "Z-99"))
                .post("/counts").then().statusCode(400).body("errors[0].field", equalTo("bin"));
    }

    @Test
    void unknownIdsAreNotFound() {
        given().get("/sessions/nope").then().statusCode(404).body("status", equalTo(404));
        given().get("/sessions/nope/lines").then().statusCode(404);
        given().get("/counts/nope").then().statusCode(404);
        given().post("/sessions/nope/start").then().statusCode(404);
    }

    @Test
    void anInventoryThatFailsIsReportedAsUnavailable() {
        Inventory.site("BROKEN", List.of(InventoryStub.quant("qb", "SKU-B", "A-01", 1, "00000000000009")));
        given().contentType("application/json").body(Map.of("site", "BROKEN", "name", "x", "type", "HARD"))
                .post("/counts").then().statusCode(503).body("detail", notNullValue()).body("errors", nullValue());
    }
}
