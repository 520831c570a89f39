package com.stockcount.reconciliation.infrastructure.kafka;

import com.stockcount.contracts.Topics;
import com.stockcount.platform.kafka.ConsumerWorker;
import com.stockcount.platform.kafka.ConsumerWorkers;
import com.stockcount.platform.kafka.TopicAdmin;
import com.stockcount.reconciliation.infrastructure.outbox.AdjustmentOutbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** At startup: make sure our topics exist, then start the outbox relay and both consumers. */
@ApplicationScoped
public class KafkaSetup {

    static final String GROUP = "reconciliation-service";

    @ConfigProperty(name = "stockcount.kafka.partitions", defaultValue = "6")
    int partitions;

    @ConfigProperty(name = "stockcount.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @Inject
    ConsumerWorkers workers;

    @Inject
    AdjustmentOutbox outbox;

    @Inject
    SessionEventsHandler sessionEvents;

    @Inject
    LedgerEventsHandler ledgerEvents;

    void onStart(@Observes StartupEvent event) {
        TopicAdmin.ensure(List.of(
                Topics.COUNT_SESSION, Topics.deadLetterOf(Topics.COUNT_SESSION),
                Topics.INVENTORY_ADJUSTMENT_REQUEST,
                Topics.INVENTORY_LEDGER, Topics.deadLetterOf(Topics.INVENTORY_LEDGER)), partitions, replicationFactor);
        outbox.start();
        workers.start(ConsumerWorker.batched("session-events", GROUP, List.of(Topics.COUNT_SESSION), sessionEvents,
                Map.of()));
        workers.start(ConsumerWorker.batched("ledger-events", GROUP, List.of(Topics.INVENTORY_LEDGER), ledgerEvents,
                Map.of()));
    }
}
