package com.stockcount.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void an_operator_tunes_the_producer_defaults_with_kafka_settings() {
        Map<String, Object> config = KafkaClients.producerConfig("svc",
                Map.of("bootstrap.servers", "broker:9092", "linger.ms", "20", "compression.type", "zstd"), Map.of());

        assertThat(config).containsEntry("linger.ms", "20").containsEntry("compression.type", "zstd")
                .containsEntry("bootstrap.servers", "broker:9092").containsEntry("request.timeout.ms", 10_000)
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true").containsEntry("client.id", "svc");
    }

    @Test
    void what_the_service_derives_from_its_own_keys_wins_over_the_generic_kafka_settings() {
        Map<String, Object> config = KafkaClients.producerConfig("scan-ingest",
                Map.of("compression.type", "zstd", "max.block.ms", "60000"), Map.of("compression.type", "none", "max.block.ms", 5_000L));

        assertThat(config).containsEntry("compression.type", "none").containsEntry("max.block.ms", 5_000L);
    }

    @Test
    void settings_that_would_lose_or_duplicate_acknowledged_records_fail_the_start() {
        assertThatThrownBy(() -> KafkaClients.producerConfig("svc", Map.of("acks", "1"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kafka.acks=1");
        assertThatThrownBy(() -> KafkaClients.producerConfig("svc", Map.of("enable.idempotence", "false"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("enable.idempotence");
        assertThat(KafkaClients.producerConfig("svc", Map.of("acks", "-1", "enable.idempotence", "TRUE"), Map.of()))
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true");
    }
}
