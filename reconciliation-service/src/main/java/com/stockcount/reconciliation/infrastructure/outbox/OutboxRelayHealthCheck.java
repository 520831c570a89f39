package com.stockcount.reconciliation.infrastructure.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the outbox relay runs and its last round reached Kafka: otherwise adjustments pile up unsent. */
@Readiness
@ApplicationScoped
public class OutboxRelayHealthCheck implements HealthCheck {

    @Inject
    AdjustmentOutbox outbox;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox-relay")
                .status(outbox.healthy())
                .withData("lastFailure", String.valueOf(outbox.lastFailure()))
                .build();
    }
}
