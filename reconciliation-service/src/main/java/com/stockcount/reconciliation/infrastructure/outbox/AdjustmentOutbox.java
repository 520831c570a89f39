package com.stockcount.reconciliation.infrastructure.outbox;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.platform.outbox.OutboxRelay;
import com.stockcount.reconciliation.adjustment.RequestPartitions;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the relay that publishes the outbox (our adjustment requests) to Kafka, and knows which partition
 * the relay's producer puts a quant's requests in.
 */
@ApplicationScoped
public class AdjustmentOutbox implements RequestPartitions {

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "stockcount.outbox.batch-size", defaultValue = "2000")
    int batchSize;

    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    /** Called once the topics exist. */
    public void start() {
        // a completion writes one request per quant: larger producer batches carry a round in fewer requests
        producer = KafkaClients.producer("reconciliation-outbox", Map.of("batch.size", 262_144));
        relay = new OutboxRelay("reconciliation", dataSource, producer, batchSize).start();
    }

    // before the datasource closes, so the last round can finish cleanly
    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The relay's producer's own rule, so a batch keyed by one of its quants lands where each of them would. */
    @Override
    public int partitionOf(QuantKey quant) {
        return KafkaClients.keyPartitions(producer, Topics.INVENTORY_ADJUSTMENT_REQUEST).applyAsInt(quant.asString());
    }

    /** Publish now rather than at the relay's next poll. */
    public void nudge() {
        if (relay != null) {
            relay.nudge();
        }
    }

    public boolean healthy() {
        return relay != null && relay.healthy();
    }

    public String lastFailure() {
        return relay == null ? "not started" : relay.lastFailure();
    }
}
