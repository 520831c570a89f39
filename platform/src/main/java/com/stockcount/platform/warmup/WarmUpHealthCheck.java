package com.stockcount.platform.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a rehearsal of the hot path runs ({@link WarmUps}); each finished one is listed with its report. */
@Readiness
@ApplicationScoped
public class WarmUpHealthCheck implements HealthCheck {

    @Inject
    WarmUps warmUps;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("warm-up").up();
        warmUps.finished().forEach((name, report) -> builder.withData(name, report.toString()));
        warmUps.running().forEach((name, progress) -> builder.down().withData(name, progress));
        return builder.build();
    }
}
