package com.stockcount.scaningest.support;

import org.awaitility.Awaitility;

import com.stockcount.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code scan.observation.v1} from the start, as a downstream consumer would, and keeps one session's records. */
public final class ObservationLog {

    private ObservationLog() {
    }

    /** Waits until the topic holds at least {@code expected} records keyed by {@code sessionId}, and returns all of them. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String sessionId, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCAN_OBSERVATION).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (sessionId.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.size() >= expected;
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
