package com.stockcount.scaningest.scan;

import com.stockcount.scaningest.barcode.BarcodeDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Takes a device's batch of scans for a session: judges each scan, publishes the accepted ones and
 * answers only once they are all stored, so an answered scan is never lost.
 */
@ApplicationScoped
public class ScanIngestion {

    private final Clock clock;
    private final ScanIntake intake;
    private final ObservationPublisher publisher;
    private final MeterRegistry meters;

    public ScanIngestion(Clock clock, ObservationPublisher publisher, MeterRegistry meters) {
        this.clock = clock;
        this.intake = new ScanIntake(new BarcodeDecoder(clock));
        this.publisher = publisher;
        this.meters = meters;
    }

    public IntakeResult ingest(String sessionId, String deviceId, List<ScanInput> scans, String correlationId) {
        IntakeResult result = intake.intake(sessionId, deviceId, scans, clock.instant());
        result.rejected().forEach(r -> meters.counter("scan.ingest.scans.rejected", "reason", r.reason()).increment());
        if (!result.accepted().isEmpty()) {
            try {
                publisher.publish(result.accepted(), correlationId);
            } catch (PublishUnavailableException e) {
                meters.counter("scan.ingest.publish.failures").increment();
                throw e;
            }
            meters.counter("scan.ingest.scans.accepted").increment(result.accepted().size());
        }
        return result;
    }
}
