package com.stockcount.count.infrastructure.axon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the event-store-to-Kafka publisher is not stuck retrying an event. */
@Readiness
@ApplicationScoped
public class PublisherHealthCheck implements HealthCheck {

    @Inject
    AxonConfiguration axon;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(AxonConfiguration.PUBLISHER).status(!axon.publisherFailing()).build();
    }
}
