package com.stockcount.inventory.infrastructure.kafka;

import com.stockcount.platform.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the outbox relay runs and its last round reached Kafka: otherwise ledger events pile up unpublished. */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    @Inject
    InventoryKafka kafka;

    @Override
    public HealthCheckResponse call() {
        OutboxRelay relay = kafka.relay();
        if (relay == null) {
            return HealthCheckResponse.named("outbox-relay").down().withData("state", "not started").build();
        }
        return HealthCheckResponse.named("outbox-relay").status(relay.healthy())
                .withData("lastFailure", String.valueOf(relay.lastFailure())).build();
    }
}
