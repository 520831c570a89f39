package com.stockcount.inventory.infrastructure.kafka;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.AdjustmentsApplied;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.inventory.Fixtures;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The story of a count's adjustments reaching inventory: reconciliation asks for a correction, inventory
 * applies it once, records it in the ledger and tells everyone on {@code inventory.ledger.v1}.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class AdjustmentConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    private KafkaProducer<String, byte[]> producer;
    private String site;
    private String bin;
    private String sku;

    @BeforeEach
    void stockOnTheShelf() {
        producer = KafkaClients.producer("adjustment-test", Map.of());
        site = Fixtures.site();
        bin = Fixtures.bin(site, "Backstock");
        sku = Fixtures.product("BULK");
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void anAdjustmentIsAppliedOnceRecordedAndPublished() throws Exception {
        // the system says 5; the associate counted 8: reconciliation asks for +3
        String quantId = Fixtures.receive(site, bin, sku, 5);
        QuantKey key = new QuantKey(site, bin, sku, "");
        AdjustmentRequested plusThree = request(key, 3);
        send(plusThree);

        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(8)));
        JsonPath ledger = given().queryParam("reason", "stock_count").when().get("/sites/" + site + "/ledger")
                .then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("items")).hasSize(1);
        assertThat(ledger.getString("items[0].type")).isEqualTo("system_correction");
        assertThat(ledger.getLong("items[0].delta")).isEqualTo(3);
        assertThat(ledger.getLong("items[0].quantityAfter")).isEqualTo(8);
        assertThat(ledger.getString("items[0].requestId")).isEqualTo(plusThree.requestId());

        // everyone downstream learns it from the ledger topic, keyed by the quant
        ConsumerRecord<String, byte[]> published = Fixtures.awaitRecord(Topics.INVENTORY_LEDGER,
                r -> header(r, EventHeaders.EVENT_TYPE).equals(LedgerEntryRecorded.TYPE)
                        && Json.read(r.value(), LedgerEntryRecorded.class).requestId() != null
                        && Json.read(r.value(), LedgerEntryRecorded.class).requestId().equals(plusThree.requestId()));
        LedgerEntryRecorded event = Json.read(published.value(), LedgerEntryRecorded.class);
        assertThat(published.key()).isEqualTo(key.asString());
        assertThat(header(published, EventHeaders.EVENT_ID)).isEqualTo(event.eventId());
        assertThat(event.type()).isEqualTo(LedgerEntryRecorded.TYPE_SYSTEM_CORRECTION);
        assertThat(event.reason()).isEqualTo(AdjustmentRequested.REASON_STOCK_COUNT);
        assertThat(event.quantId()).isEqualTo(quantId);
        assertThat(event.delta()).isEqualTo(3);
        assertThat(event.quantityAfter()).isEqualTo(8);

        // the same request delivered again changes nothing; a later one on the same quant (same partition,
        // so processed after the duplicate) shows the duplicate has been consumed
        send(plusThree);
        send(request(key, -1));
        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(7)));
        given().queryParam("reason", "stock_count").when().get("/sites/" + site + "/ledger").then()
                .body("items.delta", org.hamcrest.Matchers.contains(3, -1));
    }

    @Test
    void everyReceiptIsPublishedToo() {
        String quantId = Fixtures.receive(site, bin, sku, 4);
        ConsumerRecord<String, byte[]> published = Fixtures.awaitRecord(Topics.INVENTORY_LEDGER,
                r -> r.key().equals(new QuantKey(site, bin, sku, "").asString()));
        LedgerEntryRecorded event = Json.read(published.value(), LedgerEntryRecorded.class);
        assertThat(event.type()).isEqualTo(LedgerEntryRecorded.TYPE_RECEIPT);
        assertThat(event.quantId()).isEqualTo(quantId);
        assertThat(event.quantityAfter()).isEqualTo(4);
    }

    @Test
    void aCountMayFindAProductInABinWithoutAQuant() {
        QuantKey key = new QuantKey(site, bin, sku, "");
        send(request(key, 2));
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("bin", bin).when().get("/sites/" + site + "/quants")
                .then().body("items.quantity", org.hamcrest.Matchers.contains(2)));
    }

    @Test
    void anAdjustmentBelowZeroIsRefusedAndTheRefusalPublished() {
        String quantId = Fixtures.receive(site, bin, sku, 2);
        QuantKey key = new QuantKey(site, bin, sku, "");
        AdjustmentRequested minusFive = request(key, -5);
        send(minusFive);

        ConsumerRecord<String, byte[]> published = Fixtures.awaitRecord(Topics.INVENTORY_LEDGER,
                r -> header(r, EventHeaders.EVENT_TYPE).equals(AdjustmentRejected.TYPE)
                        && Json.read(r.value(), AdjustmentRejected.class).requestId().equals(minusFive.requestId()));
        AdjustmentRejected rejected = Json.read(published.value(), AdjustmentRejected.class);
        assertThat(rejected.quant()).isEqualTo(key);
        assertThat(rejected.delta()).isEqualTo(-5);
        assertThat(rejected.reason()).isEqualTo(AdjustmentRejected.NEGATIVE_QUANTITY);
        assertThat(rejected.requestReason()).isEqualTo("stock_count");
        assertThat(rejected.quantityOnHand()).isEqualTo(2);
        assertThat(published.key()).isEqualTo(key.asString());
        when().get("/sites/" + site + "/quants/" + quantId).then().body("quantity", equalTo(2));
        given().queryParam("reason", "stock_count").when().get("/sites/" + site + "/ledger").then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndValidRequestsBehindItAreStillApplied() {
        String quantId = Fixtures.receive(site, bin, sku, 5);
        QuantKey key = new QuantKey(site, bin, sku, "");
        String malformedId = "malformed-" + UUID.randomUUID();
        String futureId = "v2-" + UUID.randomUUID();
        String unknownId = "unknown-" + UUID.randomUUID();
        // all on the quant's key: one partition, so they queue in front of the valid request
        producer.send(EventRecords.eventBytes(Topics.INVENTORY_ADJUSTMENT_REQUEST, key.asString(), malformedId,
                AdjustmentRequested.TYPE, AdjustmentRequested.VERSION, Instant.now(), null,
                "{not json".getBytes(StandardCharsets.UTF_8)));
        AdjustmentRequested future = request(key, 1);
        producer.send(EventRecords.event(Topics.INVENTORY_ADJUSTMENT_REQUEST, key.asString(), futureId,
                AdjustmentRequested.TYPE, 2, Instant.now(), null, future));
        AdjustmentRequested unknownProduct = request(new QuantKey(site, bin, "no-such-sku", ""), 1);
        producer.send(EventRecords.event(Topics.INVENTORY_ADJUSTMENT_REQUEST, key.asString(), unknownId,
                AdjustmentRequested.TYPE, AdjustmentRequested.VERSION, Instant.now(), null, unknownProduct));
        send(request(key, 4));

        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(9)));
        String dlt = Topics.deadLetterOf(Topics.INVENTORY_ADJUSTMENT_REQUEST);
        assertThat(header(Fixtures.awaitRecord(dlt, r -> header(r, EventHeaders.EVENT_ID).equals(malformedId)),
                EventHeaders.DLT_REASON)).contains("AdjustmentRequested");
        assertThat(header(Fixtures.awaitRecord(dlt, r -> header(r, EventHeaders.EVENT_ID).equals(futureId)),
                EventHeaders.DLT_REASON)).contains("schema version 2");
        ConsumerRecord<String, byte[]> unknown = Fixtures.awaitRecord(dlt, r -> header(r, EventHeaders.EVENT_ID).equals(unknownId));
        assertThat(header(unknown, EventHeaders.DLT_REASON)).contains("unknown product no-such-sku");
        assertThat(header(unknown, EventHeaders.DLT_CONSUMER_GROUP)).isEqualTo("inventory-service");
    }

    @Test
    void aPollMixingPoisonAndARefusalWithValidRequestsAppliesEachValidOneOnce() throws Exception {
        String quantId = Fixtures.receive(site, bin, sku, 5);
        QuantKey key = new QuantKey(site, bin, sku, "");
        String malformedId = "malformed-" + UUID.randomUUID();
        AdjustmentRequested plusOne = request(key, 1);
        AdjustmentRequested minusHundred = request(key, -100);
        AdjustmentRequested plusTwo = request(key, 2);
        // one producer batch on the quant's partition, so the consumer gets all four in one poll
        try (KafkaProducer<String, byte[]> lingering = KafkaClients.producer("adjustment-batch-test",
                Map.of("linger.ms", 2_000))) {
            lingering.send(requestRecord(plusOne));
            lingering.send(EventRecords.eventBytes(Topics.INVENTORY_ADJUSTMENT_REQUEST, key.asString(), malformedId,
                    AdjustmentRequested.TYPE, AdjustmentRequested.VERSION, Instant.now(), null,
                    "{not json".getBytes(StandardCharsets.UTF_8)));
            lingering.send(requestRecord(minusHundred));
            lingering.send(requestRecord(plusTwo));
            lingering.flush();
        }

        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(8)));
        given().queryParam("reason", "stock_count").when().get("/sites/" + site + "/ledger").then()
                .body("items.delta", org.hamcrest.Matchers.contains(1, 2))
                .body("items.quantityAfter", org.hamcrest.Matchers.contains(6, 8));
        String dlt = Topics.deadLetterOf(Topics.INVENTORY_ADJUSTMENT_REQUEST);
        assertThat(header(Fixtures.awaitRecord(dlt, r -> header(r, EventHeaders.EVENT_ID).equals(malformedId)),
                EventHeaders.DLT_REASON)).contains("AdjustmentRequested");
        AdjustmentRejected rejected = Json.read(Fixtures.awaitRecord(Topics.INVENTORY_LEDGER,
                r -> header(r, EventHeaders.EVENT_TYPE).equals(AdjustmentRejected.TYPE)
                        && Json.read(r.value(), AdjustmentRejected.class).requestId().equals(minusHundred.requestId()))
                .value(), AdjustmentRejected.class);
        assertThat(rejected.quantityOnHand()).isEqualTo(6);
    }

    @Test
    void aBatchOfRequestsIsAppliedOnceAnsweredInOneRecordAndItsInvalidRequestDeadLetteredAlone() throws Exception {
        String quantId = Fixtures.receive(site, bin, sku, 5);
        String otherBin = Fixtures.bin(site, "Floor");
        QuantKey shelf = new QuantKey(site, bin, sku, "");
        QuantKey floor = new QuantKey(site, otherBin, sku, "");
        Instant countedAt = Instant.now();
        String count = "count-" + UUID.randomUUID();
        AdjustmentRequested sevenOnTheShelf = count(shelf, count, 7, countedAt);
        AdjustmentRequested threeOnTheFloor = count(floor, count, 3, countedAt);
        String later = Fixtures.unique("LATER-");
        AdjustmentRequested unknownProduct = count(new QuantKey(site, bin, later, ""), count, 1, countedAt);
        AdjustmentRequestBatch batch = new AdjustmentRequestBatch("batch-" + UUID.randomUUID(),
                List.of(sevenOnTheShelf, unknownProduct, threeOnTheFloor));
        ProducerRecord<String, byte[]> record = EventRecords.event(Topics.INVENTORY_ADJUSTMENT_REQUEST, shelf.asString(),
                batch.batchId(), AdjustmentRequestBatch.TYPE, AdjustmentRequestBatch.VERSION, countedAt, null, batch);
        producer.send(record).get();

        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(7)));
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("bin", otherBin).when()
                .get("/sites/" + site + "/quants").then().body("items.quantity", org.hamcrest.Matchers.contains(3)));
        // both outcomes in one record, after the ledger entries
        AdjustmentsApplied outcomes = Json.read(Fixtures.awaitRecord(Topics.INVENTORY_LEDGER,
                r -> header(r, EventHeaders.EVENT_TYPE).equals(AdjustmentsApplied.TYPE)
                        && Json.read(r.value(), AdjustmentsApplied.class).applied().get(0).countId().equals(count))
                .value(), AdjustmentsApplied.class);
        assertThat(outcomes.applied()).extracting(AdjustmentApplied::requestId)
                .containsExactly(sevenOnTheShelf.requestId(), threeOnTheFloor.requestId());
        assertThat(outcomes.applied()).extracting(AdjustmentApplied::quantityAfter).containsExactly(7L, 3L);
        // the invalid request alone on the dead-letter topic, as a request that can be replayed once fixed
        ConsumerRecord<String, byte[]> parked = Fixtures.awaitRecord(Topics.deadLetterOf(Topics.INVENTORY_ADJUSTMENT_REQUEST),
                r -> header(r, EventHeaders.EVENT_ID).equals(unknownProduct.requestId()));
        assertThat(header(parked, EventHeaders.EVENT_TYPE)).isEqualTo(AdjustmentRequested.TYPE);
        assertThat(Json.read(parked.value(), AdjustmentRequested.class)).isEqualTo(unknownProduct);

        // the batch is recorded as processed by its id, once, not by the ids of its requests
        assertThat(processed(batch.batchId(), sevenOnTheShelf.requestId(), unknownProduct.requestId(),
                threeOnTheFloor.requestId())).containsExactly(batch.batchId());

        // the batch delivered again, then one more request on the shelf behind it: only that one changes anything
        producer.send(record).get();
        send(request(shelf, 1));
        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(8)));
        given().queryParam("reason", "stock_count").queryParam("bin", bin).when().get("/sites/" + site + "/ledger")
                .then().body("items.delta", org.hamcrest.Matchers.contains(2, 1));

        // once the product exists, the parked request replayed from the dead-letter topic applies
        Fixtures.post("/products", Map.of("sku", later, "name", "Later", "gtins", List.of(), "tracking", "BULK",
                "unitCost", 1)).statusCode(201);
        ProducerRecord<String, byte[]> replay = new ProducerRecord<>(Topics.INVENTORY_ADJUSTMENT_REQUEST, parked.key(),
                parked.value());
        parked.headers().forEach(h -> replay.headers().add(h));
        producer.send(replay).get();
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("sku", later).when().get("/sites/" + site + "/quants")
                .then().body("items.quantity", org.hamcrest.Matchers.contains(1)));
        // replayed again, and its batch delivered once more: it was applied once, and stays so
        producer.send(replay).get();
        producer.send(record).get();
        AdjustmentRequested marker = request(new QuantKey(site, bin, later, ""), 4);
        send(marker);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("sku", later).when().get("/sites/" + site + "/quants")
                .then().body("items.quantity", org.hamcrest.Matchers.contains(5)));
        given().queryParam("sku", later).when().get("/sites/" + site + "/ledger").then()
                .body("items.requestId", org.hamcrest.Matchers.contains(unknownProduct.requestId(), marker.requestId()));
    }

    @Test
    void aReplayOfTheWholeRequestTopicChangesNothing() throws Exception {
        String quantId = Fixtures.receive(site, bin, sku, 5);
        String otherBin = Fixtures.bin(site, "Floor");
        QuantKey shelf = new QuantKey(site, bin, sku, "");
        QuantKey floor = new QuantKey(site, otherBin, sku, "");
        String countId = "count-" + UUID.randomUUID();
        Instant countedAt = Instant.now();
        AdjustmentRequestBatch batch = new AdjustmentRequestBatch("batch-" + UUID.randomUUID(),
                List.of(count(shelf, countId, 7, countedAt), request(floor, 3)));
        producer.send(EventRecords.event(Topics.INVENTORY_ADJUSTMENT_REQUEST, shelf.asString(), batch.batchId(),
                AdjustmentRequestBatch.TYPE, AdjustmentRequestBatch.VERSION, countedAt, null, batch)).get();
        send(request(shelf, 2));
        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(9)));

        // every record the topic holds (this test's and every earlier one's, poison included) published again
        for (ConsumerRecord<String, byte[]> r : everyRecordOf(Topics.INVENTORY_ADJUSTMENT_REQUEST)) {
            ProducerRecord<String, byte[]> again = new ProducerRecord<>(r.topic(), r.key(), r.value());
            r.headers().forEach(h -> again.headers().add(h));
            producer.send(again);
        }
        producer.flush();
        // behind the replay on both quants' partitions, one more request each: only those change anything
        send(request(shelf, 1));
        send(request(floor, 1));
        await().atMost(WAIT).untilAsserted(() -> when().get("/sites/" + site + "/quants/" + quantId).then()
                .body("quantity", equalTo(10)));
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("bin", otherBin).when()
                .get("/sites/" + site + "/quants").then().body("items.quantity", org.hamcrest.Matchers.contains(4)));
        given().queryParam("reason", "stock_count").queryParam("bin", bin).when().get("/sites/" + site + "/ledger")
                .then().body("items.delta", org.hamcrest.Matchers.contains(2, 2, 1));
        given().queryParam("reason", "stock_count").queryParam("bin", otherBin).when().get("/sites/" + site + "/ledger")
                .then().body("items.delta", org.hamcrest.Matchers.contains(3, 1));
    }

    /** Every record of the topic, from the start of each partition to its end now. */
    private static List<ConsumerRecord<String, byte[]>> everyRecordOf(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer("test-" + UUID.randomUUID(), "test-reader",
                Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return all;
        }
    }

    /** Which of the ids inventory's request consumer has recorded as processed. */
    private List<String> processed(String... ids) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select event_id from processed_event where consumer = 'adjustment-request' and event_id = any (?)")) {
            select.setArray(1, c.createArrayOf("text", ids));
            List<String> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    private static AdjustmentRequested count(QuantKey key, String countId, long counted, Instant countedAt) {
        return new AdjustmentRequested("adj-" + UUID.randomUUID(), key, 0, AdjustmentRequested.REASON_STOCK_COUNT,
                counted, countedAt, "session-1", countId, "line-1", 1, countedAt, AdjustmentRequested.KIND_COUNT, 1);
    }

    private AdjustmentRequested request(QuantKey key, long delta) {
        Instant now = Instant.now();
        return new AdjustmentRequested("adj-" + UUID.randomUUID(), key, delta, AdjustmentRequested.REASON_STOCK_COUNT,
                0, now, "session-1", "count-1", "line-1", 1, now);
    }

    @Test
    void aWithdrawnCountPutsItsUnitsBackOnceThoughTheWithdrawIsDeliveredTwice() throws Exception {
        String rfid = Fixtures.product("RFID");
        String quantId = Fixtures.post("/sites/" + site + "/receipts", Map.of("sku", rfid, "bin", bin,
                "serials", List.of("E1", "E2"))).statusCode(201).extract().path("quant.id");
        QuantKey key = new QuantKey(site, bin, rfid, "");
        Instant countedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // the count saw E1 and E3 (never received), not E2
        send(new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", 2, countedAt, "session-1",
                "count-1", "line-1", 1, Instant.now(), AdjustmentRequested.KIND_COUNT, 1));
        UnitsCounted seen = new UnitsCounted(UUID.randomUUID().toString(), key, "count-1", 1, countedAt, 0, 1,
                List.of("E1", "E3"));
        sendUnits(seen);
        await().atMost(WAIT).untilAsserted(() -> assertThat(units(quantId)).containsExactly("E1", "E3"));

        AdjustmentRequested withdraw = new AdjustmentRequested(UUID.randomUUID().toString(), key, 0, "stock_count", 0,
                null, "session-1", "count-1", "line-1", 1, Instant.now(), AdjustmentRequested.KIND_WITHDRAW, 2);
        send(withdraw);
        await().atMost(WAIT).untilAsserted(() -> assertThat(units(quantId)).containsExactly("E1", "E2"));
        when().get("/sites/" + site + "/quants/" + quantId).then().body("quantity", equalTo(2));

        send(withdraw);
        // a later count's units on the same quant (same partition) show the duplicate has been consumed
        sendUnits(new UnitsCounted(UUID.randomUUID().toString(), key, "count-2", 1, Instant.now(), 0, 1,
                List.of("E1", "E2", "E4")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(units(quantId)).containsExactly("E1", "E2", "E4"));
        when().get("/sites/" + site + "/quants/" + quantId).then().body("quantity", equalTo(3));
    }

    private void sendUnits(UnitsCounted units) throws Exception {
        producer.send(EventRecords.event(Topics.INVENTORY_ADJUSTMENT_REQUEST, units.quant().asString(),
                units.requestId(), UnitsCounted.TYPE, UnitsCounted.VERSION, Instant.now(), units.requestId(), units)).get();
    }

    private List<String> units(String quantId) {
        return when().get("/sites/" + site + "/quants/" + quantId + "/units").then().statusCode(200).extract()
                .path("items.serial");
    }

    private static ProducerRecord<String, byte[]> requestRecord(AdjustmentRequested request) {
        return EventRecords.event(Topics.INVENTORY_ADJUSTMENT_REQUEST, request.quant().asString(), request.requestId(),
                AdjustmentRequested.TYPE, AdjustmentRequested.VERSION, request.requestedAt(), request.requestId(),
                request);
    }

    private void send(AdjustmentRequested request) {
        try {
            producer.send(requestRecord(request)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return EventRecords.header(record, name).orElse("");
    }
}
