package com.stockcount.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    @Test
    void aRecordWrittenBeforeABrokerRestartIsReadAfterIt() throws Exception {
        Path dir = Files.createTempDirectory("kafka-restart-");
        try (EmbeddedKafka kafka = EmbeddedKafka.persistent(dir, EmbeddedKafka.freePort())) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "before restart")).get(30, TimeUnit.SECONDS);
            }
            kafka.stop();
            kafka.start();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(), "group.id", "smoke", "auto.offset.reset", "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.iterator().next().value()).isEqualTo("before restart");
            }
        } finally {
            Directories.deleteQuietly(dir);
        }
    }

    @Test
    void eachServiceGetsItsOwnDatabase() throws Exception {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        String url = postgres.createDatabase("smoke_service");
        assertThat(postgres.createDatabase("smoke_service")).isEqualTo(url);
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("select current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("smoke_service");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }
}
