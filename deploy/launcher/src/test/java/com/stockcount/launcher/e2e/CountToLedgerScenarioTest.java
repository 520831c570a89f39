package com.stockcount.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.Topics;
import com.stockcount.platform.kafka.EventRecords;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's story, told through the public APIs of the four services running as
 * separate processes on a real Kafka broker and a real PostgreSQL, exactly as {@code ./run.sh}
 * starts them.
 */
class CountToLedgerScenarioTest {

    private static final String SHELF = "SHELF-1";

    @Test
    void aCountedBinBecomesTheBooksOnceAndOnlyOnce() throws Exception {
        // A store receives four products onto one shelf: ten of each, as far as the books know.
        Store store = Store.open(SHELF, "Display");
        String mugs = store.bulkProduct("MUG", null);
        String plates = store.bulkProduct("PLATE", null);
        String bowls = store.bulkProduct("BOWL", "4006381333931");
        String cups = store.bulkProduct("CUP", null);
        for (String sku : List.of(mugs, plates, bowls, cups)) {
            store.receive(sku, SHELF, 10);
        }

        // A manager plans a count of that shelf. Its session snapshots the four quants: system 10 each,
        // counted blank.
        CountSession session = CountSession.ofBin(store, SHELF);
        List<Map<String, Object>> snapshot = session.lines();
        assertThat(snapshot).hasSize(4)
                .allSatisfy(line -> {
                    assertThat(line.get("systemQuantity")).isEqualTo(10);
                    assertThat(line.get("countedQuantity")).isNull();
                });

        // The associate starts counting. There are more mugs than recorded, fewer plates; the bowls are
        // scanned one by one with a handheld (ten beeps: exactly what the books say); the cups shelf is
        // not reached today, so its line stays blank.
        session.startCounting();
        Map<String, String> lineOf = session.lineIdsBySku();
        session.count(lineOf.get(mugs), 12);
        session.count(lineOf.get(plates), 7);
        session.scan("4006381333931", 10);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(session.lines()).filteredOn(l -> bowls.equals(l.get("sku")))
                        .singleElement().satisfies(l -> assertThat(l.get("countedQuantity")).isEqualTo(10)));

        // Each line shows its variance: +2, -3, 0, and nothing for the blank line.
        assertThat(session.lines()).extracting(l -> l.get("sku"), l -> l.get("variance"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(mugs, 2),
                        org.assertj.core.groups.Tuple.tuple(plates, -3),
                        org.assertj.core.groups.Tuple.tuple(bowls, 0),
                        org.assertj.core.groups.Tuple.tuple(cups, null));

        // Submitting completes the session and records when.
        JsonPath completed = session.complete();
        assertThat(completed.getString("status")).isEqualTo("COMPLETED");
        assertThat(completed.getString("completedAt")).isNotBlank();

        // Reconciliation posts one adjustment per line with a variance; inventory applies them. The books
        // now say what the shelf holds; the blank line keeps its recorded 10.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(store.quantities(SHELF)).containsExactlyInAnyOrderEntriesOf(
                        Map.of(mugs, 12L, plates, 7L, bowls, 10L, cups, 10L)));
        List<Map<String, Object>> corrections = store.ledger("stock_count");
        assertThat(corrections).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.get("type")).isEqualTo("system_correction"));
        assertThat(corrections).extracting(e -> e.get("sku"), e -> e.get("delta"), e -> e.get("quantityAfter"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(mugs, 2, 12),
                        org.assertj.core.groups.Tuple.tuple(plates, -3, 7));

        // The session's events are delivered a second time, as Kafka may after a crash or an operator's
        // replay. Once reconciliation and inventory have read everything, nothing has changed.
        List<ConsumerRecord<String, byte[]>> sessionEvents = Topic.recordsWithKey(Topics.COUNT_SESSION, session.id);
        assertThat(sessionEvents).extracting(r -> EventRecords.header(r, EventHeaders.EVENT_TYPE).orElseThrow())
                .endsWith("SessionCompleted");
        Topic.redeliver(sessionEvents);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Topic.consumedToTheEnd("reconciliation-service", Topics.COUNT_SESSION)
                        && Topic.consumedToTheEnd("inventory-service", Topics.INVENTORY_ADJUSTMENT_REQUEST));
        // (held for a few seconds: a wrongly re-posted adjustment would still be on its way through the outbox)
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> store.ledger("stock_count").size() == 2);
        assertThat(store.quantities(SHELF)).containsExactlyInAnyOrderEntriesOf(
                Map.of(mugs, 12L, plates, 7L, bowls, 10L, cups, 10L));
    }
}
