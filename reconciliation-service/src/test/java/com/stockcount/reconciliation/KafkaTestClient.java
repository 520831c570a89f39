package com.stockcount.reconciliation;

import static org.awaitility.Awaitility.await;

import com.stockcount.platform.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Produces to and reads from the real test broker, the way another service would. */
final class KafkaTestClient {

    private KafkaTestClient() {
    }

    /** Sends in order and waits for each acknowledgement; returns where the last one landed. */
    static RecordMetadata send(List<ProducerRecord<String, byte[]>> records) throws Exception {
        RecordMetadata last = null;
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("test-" + UUID.randomUUID(), Map.of())) {
            for (ProducerRecord<String, byte[]> r : records) {
                last = producer.send(r).get(30, TimeUnit.SECONDS);
            }
        }
        return last;
    }

    /** How many partitions the topic has. */
    static int partitions(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer("test-" + UUID.randomUUID(),
                "test-reader", Map.of())) {
            return consumer.partitionsFor(topic).size();
        }
    }

    /** Everything on the topic right now, read from the beginning up to the current end of every partition. */
    static List<ConsumerRecord<String, byte[]>> snapshot(String topic) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer("test-" + UUID.randomUUID(),
                "test-reader", Map.of("isolation.level", "read_uncommitted"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    /** Waits until the service's consumer group has committed past {@code record}: it has fully processed it. */
    static void awaitConsumed(String groupId, RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(KafkaClients.common())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(groupId);
                OffsetAndMetadata committed = result.partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                        .get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }
}
