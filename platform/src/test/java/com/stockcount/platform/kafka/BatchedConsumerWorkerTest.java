package com.stockcount.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.Topics;
import com.stockcount.testsupport.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batched worker on the real embedded broker: records arrive in batches, a poison record among
 * them is dead-lettered alone and every valid record beside it is applied, once, in order.
 */
class BatchedConsumerWorkerTest {

    private static final int RECORDS = 200;
    private static final int POISON = 137;

    @BeforeAll
    static void broker() {
        System.setProperty("kafka.bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
    }

    @Test
    void appliesRecordsInBatchesAndIsolatesAPoisonRecordAmongThem() throws Exception {
        String topic = "batch-test-" + UUID.randomUUID();
        createTopic(topic);
        publish(topic, 0, RECORDS / 2);

        // the handler is atomic as the contract asks: it applies a batch only when every record in it is valid
        List<Integer> applied = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        BatchHandler handler = records -> {
            List<Integer> values = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String value = new String(record.value(), StandardCharsets.UTF_8);
                if (value.equals("poison")) {
                    throw new PoisonRecordException("value is poison");
                }
                values.add(Integer.parseInt(value));
            }
            batchSizes.add(records.size());
            applied.addAll(values);
        };

        try (ConsumerWorker worker = ConsumerWorker.batched("batch-test", "batch-test-" + topic, List.of(topic), handler,
                Map.of()).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> applied.size() == RECORDS / 2);
            assertThat(batchSizes).as("records already on the topic come as batches").anyMatch(size -> size > 1);

            // a batch with a poison record fails as a whole: it is retried record by record
            publish(topic, RECORDS / 2, RECORDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> applied.size() == RECORDS - 1);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                if (i != POISON) {
                    expected.add(i);
                }
            }
            assertThat(applied).containsExactlyElementsOf(expected);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed(topic) == RECORDS);
        }

        ConsumerRecord<String, byte[]> parked = deadLettered(Topics.deadLetterOf(topic));
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(EventRecords.header(parked, EventHeaders.DLT_REASON)).contains("value is poison");
        assertThat(EventRecords.header(parked, EventHeaders.DLT_SOURCE_OFFSET)).contains(Integer.toString(POISON));
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void publish(String topic, int from, int to) throws Exception {
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("batch-test-producer", Map.of())) {
            for (int i = from; i < to; i++) {
                String value = i == POISON ? "poison" : Integer.toString(i);
                producer.send(EventRecords.eventBytes(topic, "k", "e-" + i, "Test", 1, Instant.now(), null,
                        value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static long committed(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("batch-test-" + topic)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            return -1;
        }
    }

    private static ConsumerRecord<String, byte[]> deadLettered(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer("dlt-reader-" + UUID.randomUUID(), "dlt-reader",
                Map.of())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    assertThat(records.count()).isEqualTo(1);
                    return records.iterator().next();
                }
            }
            throw new AssertionError("nothing on " + topic);
        }
    }

    private static String bootstrap() {
        return SharedInfrastructure.kafka().bootstrapServers();
    }
}
