package com.stockcount.launcher.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.Topics;
import com.stockcount.launcher.Service;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A shelf is counted while the store keeps selling and receiving, without freezing anything. The
 * books must end at the true physical stock: what the associate saw, plus what moved after, and a
 * sale that happened before the count but reached the books late must not be taken twice. Poison on
 * the way to inventory is set aside and does not stop it.
 */
class CountingWhileTheStoreSellsScenarioTest {

    private static final String SHELF = "TEA-SHELF";

    @Test
    void theBooksEndAtTheTruePhysicalStock() throws Exception {
        // Twenty boxes of tea arrive on the shelf; a manager plans a count of it.
        Store store = Store.open(SHELF, "Sales floor");
        String tea = store.bulkProduct("TEA", null);
        store.receive(tea, SHELF, 20);
        CountSession session = CountSession.ofBin(store, SHELF);
        session.startCounting();
        long physical = 20;

        // Before the associate reaches the shelf, a customer buys 3 at the till. Two more boxes were stolen
        // long ago: nobody knows yet.
        pick(store, tea, 3, null);
        physical -= 3;
        physical -= 2;
        Instant aSaleBeforeTheCount = Instant.now();
        physical -= 1; // a handheld sells one more here and only syncs later
        Thread.sleep(20);

        // The associate counts the shelf: 14 (20 − 3 − 2 stolen − 1 sold on the handheld).
        session.count(session.lineIdsBySku().get(tea), physical);
        Thread.sleep(20);

        // While the session is still open the store goes on: 4 sold, 6 received.
        pick(store, tea, 4, null);
        store.receive(tea, SHELF, 6);
        physical += 6 - 4;

        // Someone puts poison on inventory's request topic: malformed, and from a future version.
        String site = store.site;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", RunningStack.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            String key = site + "/" + SHELF + "/" + tea + "/";
            producer.send(poison(key, site + "-malformed", 1, "{not json")).get(30, TimeUnit.SECONDS);
            producer.send(poison(key, site + "-future", 9, "{}")).get(30, TimeUnit.SECONDS);
        }

        session.complete();

        // The books: 20 − 3 − 4 + 6 = 19 before the count's correction; the shelf really holds 16.
        long truePhysical = physical;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(store.quantities(SHELF)).containsEntry(tea, truePhysical));

        // The handheld finally syncs its sale, dated before the count: the count already saw it gone.
        pick(store, tea, 1, aSaleBeforeTheCount);
        assertThat(store.quantities(SHELF)).containsEntry(tea, truePhysical);

        // The report shows the books at the count moment (17), the count's correction (14 − 17 = −3), applied.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath report = given().baseUri(RunningStack.url(Service.RECONCILIATION))
                    .get("/sessions/" + session.id + "/reconciliation").then().statusCode(200).extract().jsonPath();
            assertThat(report.getString("status")).isEqualTo("APPLIED");
            assertThat(report.getLong("lines.items[0].quantityAtCount")).isEqualTo(17);
            assertThat(report.getLong("lines.items[0].adjustmentApplied")).isEqualTo(-3);
            assertThat(report.getLong("lines.items[0].variance")).isEqualTo(14 - 20);
        });

        // The poison went to the dead-letter topic, with its reason.
        String dlt = Topics.deadLetterOf(Topics.INVENTORY_ADJUSTMENT_REQUEST);
        String key = site + "/" + SHELF + "/" + tea + "/";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Topic.recordsWithKey(dlt, key)).extracting(r -> header(r, EventHeaders.DLT_REASON))
                        .hasSize(2)
                        .anySatisfy(reason -> assertThat(reason).contains("schema version 9")));
    }

    private static ProducerRecord<String, byte[]> poison(String key, String eventId, int version, String body) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.INVENTORY_ADJUSTMENT_REQUEST, key,
                body.getBytes(StandardCharsets.UTF_8));
        r.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
        r.headers().add(EventHeaders.EVENT_TYPE, "AdjustmentRequested".getBytes(StandardCharsets.UTF_8));
        r.headers().add(EventHeaders.SCHEMA_VERSION, Integer.toString(version).getBytes(StandardCharsets.UTF_8));
        r.headers().add(EventHeaders.OCCURRED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void pick(Store store, String sku, long quantity, Instant occurredAt) {
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "bin", SHELF, "quantity", quantity));
        if (occurredAt != null) {
            body.put("occurredAt", occurredAt.toString());
        }
        given().baseUri(RunningStack.url(Service.INVENTORY)).contentType(ContentType.JSON).body(body)
                .post("/sites/" + store.site + "/picks").then().statusCode(201);
    }
}
