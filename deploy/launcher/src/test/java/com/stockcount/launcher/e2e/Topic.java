package com.stockcount.launcher.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads a topic as an analyst would, re-delivers records as a broker or an operator might. */
final class Topic {

    private Topic() {
    }

    /** Every record of {@code topic} with this key, in order, read from the beginning. */
    static List<ConsumerRecord<String, byte[]>> recordsWithKey(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", RunningStack.get().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /**
     * Follows {@code topic} from its end as it is now, counting the records of one key appended since: a
     * test reads them as they arrive to act at a chosen point of a producer's work.
     */
    static Follower follow(String topic, String key) {
        return new Follower(topic, key);
    }

    static final class Follower implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final String key;
        private int seen;

        private Follower(String topic, String key) {
            this.key = key;
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", RunningStack.get().bootstrapServers()),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: fixing the positions now makes "since" mean before the caller's next step
            partitions.forEach(consumer::position);
        }

        /** Reads what arrived (waiting at most {@code wait} for it); returns how many records of the key so far. */
        int poll(Duration wait) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
                if (key.equals(r.key())) {
                    seen++;
                }
            }
            return seen;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** Sends the records again, same key, value and headers: a redelivery. */
    static void redeliver(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", RunningStack.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> r : records) {
                ProducerRecord<String, byte[]> again = new ProducerRecord<>(r.topic(), r.key(), r.value());
                r.headers().forEach(h -> again.headers().add(h));
                producer.send(again).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** True when the consumer group has committed offsets up to the end of every partition of the topic. */
    static boolean consumedToTheEnd(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", RunningStack.get().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return partitions.stream().allMatch(p -> {
                long end = ends.get(p).offset();
                OffsetAndMetadata c = committed.get(p);
                return end == 0 || (c != null && c.offset() >= end);
            });
        }
    }
}
