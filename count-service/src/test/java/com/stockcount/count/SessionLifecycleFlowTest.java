package com.stockcount.count;

import static com.stockcount.count.support.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.count.support.Inventory;
import com.stockcount.count.support.InventoryStub;
import com.stockcount.count.support.TopicReader;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Re-open, discard and edit over HTTP, and what downstream sees of them. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "count"))
@WithTestResource(InventoryStub.class)
class SessionLifecycleFlowTest {

    @BeforeAll
    static void inventory() {
        Inventory.site("STORE-L", List.of(InventoryStub.quant("l1", "SKU-L1", "L-01", 10, "00000000000101")));
    }

    private static String newStartedSession() {
        String session = given().contentType("application/json")
                .body(Map.of("site", "STORE-L", "name", "Bin L-01", "type", "HARD", "bin", "L-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath().getString("sessions[0].id");
        given().post("/sessions/" + session + "/start").then().statusCode(200);
        return session;
    }

    private static void count(String session, int quantity) {
        given().contentType("application/json").body(Map.of("countedQuantity", quantity))
                .put("/sessions/" + session + "/lines/1").then().statusCode(200);
    }

    @Test
    void aReopenedSessionIsCompletedAgainAsRevisionTwoWithItsNewResult() {
        String session = newStartedSession();
        count(session, 12);
        given().post("/sessions/" + session + "/complete").then().statusCode(200).body("revision", equalTo(1));

        given().post("/sessions/" + session + "/reopen").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("revision", equalTo(1));
        given().post("/sessions/" + session + "/reopen").then().statusCode(409)
                .body("detail", equalTo("session is IN_PROGRESS; only a COMPLETED session can be re-opened"));
        count(session, 9);
        given().post("/sessions/" + session + "/complete").then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("revision", equalTo(2));

        List<ConsumerRecord<String, byte[]>> published = TopicReader.await(Topics.COUNT_SESSION, session, 4);
        assertThat(published).extracting(EventRecords::eventType).containsExactly(
                "SessionResultPart", "SessionCompleted", "SessionResultPart", "SessionCompleted");
        SessionCompleted second = Json.read(published.get(3).value(), SessionCompleted.class);
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.countedLines()).isEqualTo(1);
    }

    @Test
    void aDiscardedReopenedSessionTellsDownstreamWhichRevisionToTakeBack() {
        String session = newStartedSession();
        count(session, 4);
        given().post("/sessions/" + session + "/complete").then().statusCode(200);
        given().post("/sessions/" + session + "/discard").then().statusCode(409)
                .body("detail", equalTo("session is COMPLETED; only a DRAFT or IN_PROGRESS session can be discarded"));
        given().post("/sessions/" + session + "/reopen").then().statusCode(200);

        given().post("/sessions/" + session + "/discard").then().statusCode(200)
                .body("status", equalTo("DISCARDED")).body("discardedAt", notNullValue());
        given().post("/sessions/" + session + "/start").then().statusCode(409);
        given().post("/sessions/" + session + "/reopen").then().statusCode(409);

        List<ConsumerRecord<String, byte[]>> published = TopicReader.await(Topics.COUNT_SESSION, session, 3);
        ConsumerRecord<String, byte[]> last = published.get(published.size() - 1);
        assertThat(EventRecords.eventType(last)).isEqualTo(SessionDiscarded.TYPE);
        SessionDiscarded discarded = Json.read(last.value(), SessionDiscarded.class);
        assertThat(EventRecords.eventId(last)).isEqualTo(discarded.eventId());
        assertThat(discarded.lastCompletedRevision()).isEqualTo(1);
        assertThat(discarded.siteCode()).isEqualTo("STORE-L");
    }

    @Test
    void nameAndAreaAreEditedOnlyInProgress() {
        String draft = given().contentType("application/json")
                .body(Map.of("site", "STORE-L", "name", "Bin L-01", "type", "HARD", "bin", "L-01"))
                .post("/counts").then().statusCode(201).extract().jsonPath().getString("sessions[0].id");
        given().contentType("application/json").body(Map.of("name", "Front")).patch("/sessions/" + draft)
                .then().statusCode(409).body("detail", equalTo("session is DRAFT; name and area can only be edited IN_PROGRESS"));

        String session = newStartedSession();
        given().contentType("application/json").body(Map.of("name", "Front shelf", "area", "Display"))
                .patch("/sessions/" + session)
                .then().statusCode(200).body("name", equalTo("Front shelf")).body("area", equalTo("Display"));
        given().contentType("application/json").body(Map.of("area", "Display")).patch("/sessions/" + session)
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
    }
}
