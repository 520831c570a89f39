package com.stockcount.scaningest.support;

import org.awaitility.Awaitility;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code scan.observation.v1} from the start, as a downstream consumer would, and keeps one session's records.
 * The observations come out the same whether they were published one a record or in batches.
 */
public final class ObservationLog {

    private ObservationLog() {
    }

    /** Waits until the topic holds at least {@code expected} records keyed by {@code sessionId}, and returns all of them. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String sessionId, int expected) {
        return read(bootstrapServers, sessionId, expected, record -> 1);
    }

    /**
     * Waits until the records keyed by {@code sessionId} carry at least {@code expected} observations, single or
     * batched, and returns all of them in topic order.
     */
    public static List<ScanObserved> observations(String bootstrapServers, String sessionId, int expected) {
        return read(bootstrapServers, sessionId, expected, record -> observationsOf(record).size()).stream()
                .flatMap(record -> observationsOf(record).stream()).toList();
    }

    /** The observations of one record, by its {@code event-type} header. */
    public static List<ScanObserved> observationsOf(ConsumerRecord<String, byte[]> record) {
        return switch (EventRecords.eventType(record)) {
            case ScanObserved.TYPE -> List.of(Json.read(record.value(), ScanObserved.class));
            case ScanObservationBatch.TYPE -> Json.read(record.value(), ScanObservationBatch.class).observations();
            default -> throw new AssertionError("unexpected record type " + EventRecords.eventType(record));
        };
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String sessionId, int expected,
                                                             ToIntFunction<ConsumerRecord<String, byte[]>> weight) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCAN_OBSERVATION).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            int[] found = {0};
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (sessionId.equals(r.key())) {
                        records.add(r);
                        found[0] += weight.applyAsInt(r);
                    }
                });
                return found[0] >= expected;
            });
            // anything beyond the expected records would be a duplicate or a scan that should have been refused
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (sessionId.equals(r.key())) {
                    records.add(r);
                }
            });
            return records;
        }
    }
}
