package com.stockcount.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.LedgerEntriesRecorded;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.inventory.Fixtures;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * A transaction posting many entries publishes them grouped by partition: analysts must still find every entry
 * once, on its own quant's partition, in that quant's order.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class LedgerRecordsTest {

    /** More than 500 a partition on average over 6 partitions, so some groups are cut into several records. */
    private static final int QUANTS = 3_600;

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Test
    void manyPostingsReachEachQuantsPartitionOnceAndInOrder() throws Exception {
        String site = Fixtures.site();
        String sku = Fixtures.product("BULK");
        List<QuantKey> keys = IntStream.range(0, QUANTS).mapToObj(i -> new QuantKey(site, "B" + i, sku, "")).toList();
        QuantKey twice = keys.get(7);
        List<LedgerEntry> posted = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement insert = c.prepareStatement("insert into bin (site_code, code, area)"
                        + " select ?, b, 'Floor' from unnest(?::text[]) as t(b)")) {
                    insert.setString(1, site);
                    insert.setArray(2, c.createArrayOf("text", keys.stream().map(QuantKey::binCode).toArray()));
                    insert.executeUpdate();
                }
                Map<QuantKey, Long> empty = new LinkedHashMap<>();
                keys.forEach(k -> empty.put(k, 0L));
                Map<QuantKey, LockedQuant> quants = ledger.createMissing(c, empty);
                List<Ledger.Posting> postings = new ArrayList<>();
                for (QuantKey k : keys) {
                    postings.add(new Ledger.Posting(quants.get(k), LedgerEntry.RECEIPT, null, 2, null, null, null));
                }
                // the same quant again, later in the same transaction: its second entry must follow its first
                postings.add(new Ledger.Posting(quants.get(twice), LedgerEntry.RECEIPT, null, 3, null, null, null));
                return ledger.postAll(c, postings);
            }
        });
        // then a movement of its own on that quant
        Fixtures.post("/sites/" + site + "/receipts", Map.of("sku", sku, "bin", twice.binCode(), "quantity", 4))
                .statusCode(201);
        int expected = QUANTS + 2;

        List<ConsumerRecord<String, byte[]>> records = Fixtures.awaitRecords(Topics.INVENTORY_LEDGER,
                r -> r.key().startsWith(site + "/"), found -> entriesOf(found).size() >= expected);

        int partitions = partitionCount();
        Map<Long, Integer> timesSeen = new HashMap<>();
        Map<Integer, Integer> recordsPerPartition = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            List<LedgerEntryRecorded> entries = entries(r);
            assertThat(entries).hasSizeLessThanOrEqualTo(LedgerEntriesRecorded.MAX_ENTRIES);
            assertThat(r.key()).isEqualTo(entries.get(0).quant().asString());
            if (type(r).equals(LedgerEntriesRecorded.TYPE)) {
                recordsPerPartition.merge(r.partition(), 1, Integer::sum);
                assertThat(header(r, EventHeaders.EVENT_ID)).isEqualTo("ledger-entries:" + entries.get(0).entryId());
            }
            for (LedgerEntryRecorded e : entries) {
                assertThat(r.partition()).as("partition of %s", e.quant()).isEqualTo(partitionOf(e.quant(), partitions));
                timesSeen.merge(e.entryId(), 1, Integer::sum);
            }
        }
        // every entry of the transaction once, plus the receipt; grouped, and big groups cut
        assertThat(timesSeen).hasSize(expected).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(posted).allSatisfy(e -> assertThat(timesSeen).containsKey(e.id()));
        assertThat(records.size()).isLessThan(100);
        assertThat(recordsPerPartition.values()).anySatisfy(n -> assertThat(n).isGreaterThan(1));
        // the quant posted twice, then received: its entries in that order, as read from its partition
        assertThat(entriesOf(records).stream().filter(e -> e.quant().equals(twice))
                .map(LedgerEntryRecorded::quantityAfter)).containsExactly(2L, 5L, 9L);
        // the receipt, posted alone, went alone
        ConsumerRecord<String, byte[]> receipt = records.stream().filter(r -> entries(r).stream()
                .anyMatch(e -> e.quant().equals(twice) && e.quantityAfter() == 9)).findFirst().orElseThrow();
        assertThat(type(receipt)).isEqualTo(LedgerEntryRecorded.TYPE);
        assertThat(receipt.key()).isEqualTo(twice.asString());
    }

    private static List<LedgerEntryRecorded> entriesOf(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().flatMap(r -> entries(r).stream()).toList();
    }

    private static List<LedgerEntryRecorded> entries(ConsumerRecord<String, byte[]> r) {
        if (type(r).equals(LedgerEntriesRecorded.TYPE)) {
            return Json.read(r.value(), LedgerEntriesRecorded.class).entries();
        }
        return type(r).equals(LedgerEntryRecorded.TYPE) ? List.of(Json.read(r.value(), LedgerEntryRecorded.class))
                : List.of();
    }

    private static String type(ConsumerRecord<String, byte[]> r) {
        return header(r, EventHeaders.EVENT_TYPE);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return EventRecords.header(r, name).orElse("");
    }

    /** Where the producer puts a record keyed by this quant alone. */
    private static int partitionOf(QuantKey quant, int partitions) {
        return Utils.toPositive(Utils.murmur2(quant.asString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static int partitionCount() {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer("test-" + UUID.randomUUID(), "test-reader",
                Map.of())) {
            return consumer.partitionsFor(Topics.INVENTORY_LEDGER).size();
        }
    }
}
