package com.stockcount.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka clients with the settings every service needs for exactly-once effects: idempotent
 * producers acknowledged by all replicas, consumers that never auto-commit. Anything under the
 * config prefix {@code kafka.} (e.g. {@code kafka.security.protocol} from {@code KAFKA_SECURITY_PROTOCOL})
 * is passed through, so a production cluster needs no code change; for producers it also tunes this class's defaults
 * (see {@link #producerConfig}).
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** Every {@code kafka.*} property of the running application, without the prefix. */
    public static Map<String, Object> common() {
        Config config = ConfigProvider.getConfig();
        Map<String, Object> props = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka.health") && !name.startsWith("kafka.devservices")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> props.put(name.substring("kafka.".length()), v));
            }
        }
        props.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        return props;
    }

    public static KafkaProducer<String, byte[]> producer(String clientId, Map<String, Object> overrides) {
        return new KafkaProducer<>(producerConfig(clientId, common(), overrides), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A producer's settings, in order of precedence: this class's defaults (linger, compression, the timeouts that
     * bound a send), then every {@code kafka.*} setting of the application, so an operator can tune them for a cluster
     * ({@code KAFKA_LINGER_MS}, {@code KAFKA_COMPRESSION_TYPE}...), then the caller's {@code overrides} (settings the
     * service derives from its own keys, e.g. scan-ingest's compression and send bound), and last the two that
     * exactly-once effects rest on: {@code acks=all} and idempotence. Those are not settings: a configured value that
     * would weaken them fails the start instead of being silently replaced. {@code configured} is {@link #common()}.
     */
    static Map<String, Object> producerConfig(String clientId, Map<String, Object> configured, Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a send that cannot be acknowledged fails within this bound; callers retry from their durable position
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.putAll(configured);
        props.putAll(overrides);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        require(props, ProducerConfig.ACKS_CONFIG, "all", "all", "-1");
        require(props, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", "true");
        return props;
    }

    private static void require(Map<String, Object> props, String key, String value, String... accepted) {
        Object configured = props.get(key);
        if (configured != null && !List.of(accepted).contains(configured.toString().trim().toLowerCase())) {
            throw new IllegalStateException("kafka." + key + "=" + configured + " is not allowed: producers need "
                    + key + "=" + value + " so that an acknowledged record is never lost or written twice");
        }
        props.put(key, value);
    }

    /**
     * Where {@code producer} puts a record keyed by a given key on {@code topic}: its default partitioner's rule for a
     * keyed record (murmur2 of the key's UTF-8 bytes, modulo the partitions the topic has in the producer's
     * metadata, read once by this call). For writers that batch several keys in one record and must keep each key's
     * records in its own partition.
     */
    public static ToIntFunction<String> keyPartitions(Producer<?, ?> producer, String topic) {
        int partitions = producer.partitionsFor(topic).size();
        return key -> Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    public static KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, Map<String, Object> overrides) {
        Map<String, Object> props = common();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
