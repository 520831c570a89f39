package com.stockcount.platform.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every consumer loop of this service is alive and not stuck retrying a record. */
@Readiness
@ApplicationScoped
public class KafkaConsumersHealthCheck implements HealthCheck {

    @Inject
    ConsumerWorkers workers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("kafka-consumers").up();
        for (ConsumerWorker worker : workers.all()) {
            builder.withData(worker.name(), worker.healthy() ? "ok" : String.valueOf(worker.lastFailure()));
            if (!worker.healthy()) {
                builder.down();
            }
        }
        return builder.build();
    }
}
