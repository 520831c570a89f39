package com.stockcount.reconciliation.infrastructure.outbox;

import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.platform.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Owns the relay that publishes the outbox (our adjustment requests) to Kafka. */
@ApplicationScoped
public class AdjustmentOutbox {

    private static final int BATCH_SIZE = 500;

    @Inject
    DataSource dataSource;

    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    /** Called once the topics exist. */
    public void start() {
        producer = KafkaClients.producer("reconciliation-outbox", Map.of());
        relay = new OutboxRelay("reconciliation", dataSource, producer, BATCH_SIZE).start();
    }

    // before the datasource closes, so the last round can finish cleanly
    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
            producer.close(Duration.ofSeconds(5));
        }
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
