package com.stockcount.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.testsupport.SharedInfrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The relay on a real PostgreSQL and the real embedded broker. */
class OutboxRelayTest {

    @Test
    void aRowCommittedWhileARoundIsInFlightIsPublishedByTheNextRoundNotDeleted() throws Exception {
        String topic = "outbox-relay-test-" + UUID.randomUUID();
        PGSimpleDataSource dataSource = database();
        try (Connection writer = dataSource.getConnection(); Connection other = dataSource.getConnection()) {
            // the writer draws the smaller id and commits last: as two request consumers of inventory can
            writer.setAutoCommit(false);
            Outbox.append(writer, message(topic, "drawn-first-committed-last"));
            Outbox.append(other, message(topic, "drawn-last-committed-first"));
            AtomicBoolean committed = new AtomicBoolean();
            // the commit lands after the round read the table and before it deletes what it sent
            Runnable commitWriter = () -> {
                if (committed.compareAndSet(false, true)) {
                    commit(writer);
                }
            };
            try (KafkaProducer<String, byte[]> producer = new CommittingOnSend(commitWriter);
                 OutboxRelay relay = new OutboxRelay("test", dataSource, producer, 100)) {
                assertThat(relay.relayOnce()).isEqualTo(1);
                assertThat(committed).isTrue();
                assertThat(outboxEventIds(dataSource)).containsExactly("drawn-first-committed-last");

                assertThat(relay.relayOnce()).isEqualTo(1);
                assertThat(relay.relayOnce()).isZero();
            }
        }
        assertThat(outboxEventIds(dataSource)).isEmpty();
        assertThat(publishedEventIds(topic, 2))
                .containsExactly("drawn-last-committed-first", "drawn-first-committed-last");
    }

    @Test
    void aRoundStopsAtItsByteBudgetAndTheNextRoundsPublishTheRest() throws Exception {
        String topic = "outbox-relay-test-" + UUID.randomUUID();
        PGSimpleDataSource dataSource = database();
        int size = 500_000;
        int rows = (int) (OutboxRelay.ROUND_BYTES / size) + 6;
        List<String> written = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < rows; i++) {
                written.add("large-" + i);
                Outbox.append(c, new OutboxMessage(topic, "quant-1", "large-" + i, "Test", 1, Instant.now(), null,
                        new byte[size]));
            }
        }
        try (KafkaProducer<String, byte[]> producer = new CommittingOnSend(() -> { });
             OutboxRelay relay = new OutboxRelay("test", dataSource, producer, 2_000)) {
            int first = relay.relayOnce();
            // the round that reaches the budget stops there, with the row that reached it
            assertThat(first).isEqualTo((int) (OutboxRelay.ROUND_BYTES / size) + 1);
            assertThat(outboxEventIds(dataSource)).hasSize(rows - first);

            assertThat(relay.relayOnce()).isEqualTo(rows - first);
            assertThat(relay.relayOnce()).isZero();
        }
        assertThat(publishedEventIds(topic, rows)).containsExactlyElementsOf(written);
    }

    private static PGSimpleDataSource database() throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().createDatabase("outbox_relay_test"));
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(new String(OutboxRelayTest.class.getResourceAsStream("/db/platform/V0_1__outbox_and_idempotency.sql")
                    .readAllBytes()));
            s.execute("truncate outbox");
        }
        return dataSource;
    }

    private static OutboxMessage message(String topic, String eventId) {
        return new OutboxMessage(topic, "quant-1", eventId, "Test", 1, Instant.now(), null, new byte[] {'{', '}'});
    }

    private static void commit(Connection c) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> outboxEventIds(PGSimpleDataSource dataSource) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select event_id from outbox order by id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static List<String> publishedEventIds(String topic, int expected) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(EventRecords.eventId(record));
                }
            }
            // anything beyond the expected records would be a duplicate: read once more to see it
            consumer.poll(Duration.ofMillis(500)).forEach(record -> ids.add(EventRecords.eventId(record)));
        }
        return ids;
    }

    /** The real producer, running {@code onSend} before each send: the moment between a round's read and its delete. */
    private static final class CommittingOnSend extends KafkaProducer<String, byte[]> {

        private final Runnable onSend;

        CommittingOnSend(Runnable onSend) {
            super(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
            this.onSend = onSend;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            onSend.run();
            return super.send(record);
        }
    }
}
