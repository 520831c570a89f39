package com.stockcount.scaningest.reader;

import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.scaningest.rfid.Epc;
import com.stockcount.scaningest.rfid.EpcDecoding;
import com.stockcount.scaningest.rfid.Sgtin;
import com.stockcount.scaningest.scan.ObservationIds;
import com.stockcount.scaningest.scan.ObservationPublisher;
import com.stockcount.scaningest.scan.PublishUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes the tag reads of one reader's body: a bound reader's reads are de-duplicated per session,
 * the first sighting of each tag is decoded and published (and acknowledged) before the answer; an
 * unbound reader's reads are only measured.
 */
@ApplicationScoped
public class ReadIngestion {

    private final ReaderRegistry registry;
    private final ObservationPublisher publisher;
    private final MeterRegistry meters;
    private final TagFilter filter;
    private final Semaphore inFlight;
    private final Duration retryAfter;
    private final Counter unique;
    private final Counter duplicates;

    public ReadIngestion(ReaderRegistry registry, ObservationPublisher publisher, MeterRegistry meters,
                         @ConfigProperty(name = "stockcount.scan-ingest.dedup.max-tags", defaultValue = "2000000") long maxTags,
                         @ConfigProperty(name = "stockcount.scan-ingest.dedup.idle", defaultValue = "30m") Duration idle,
                         @ConfigProperty(name = "stockcount.scan-ingest.max-in-flight", defaultValue = "200000") int maxInFlight,
                         @ConfigProperty(name = "stockcount.scan-ingest.retry-after", defaultValue = "5s") Duration retryAfter) {
        this.registry = registry;
        this.publisher = publisher;
        this.meters = meters;
        this.filter = new TagFilter(maxTags, idle.toNanos(), System.nanoTime());
        this.inFlight = new Semaphore(maxInFlight);
        this.retryAfter = retryAfter;
        this.unique = meters.counter("rfid.tags.unique");
        this.duplicates = meters.counter("rfid.reads.duplicate");
        meters.gauge("rfid.dedup.tags", filter, TagFilter::tags);
        meters.gauge("rfid.dedup.sessions", filter, TagFilter::sessions);
    }

    public ReadResult ingest(String readerId, ReaderReport report, String correlationId) {
        meters.counter("rfid.reads", "reader", readerId).increment(report.reads().size());
        report.otherEvents().forEach((kind, n) -> meters.counter("rfid.events.other", "kind", kind).increment(n));
        report.rejected().forEach(r -> meters.counter("rfid.events.rejected", "reason", r.reason()).increment());
        ReaderSetup setup = registry.find(readerId).filter(ReaderSetup::bound).orElse(null);
        if (setup == null) {
            meters.counter("rfid.reads.unbound", "reader", readerId).increment(report.reads().size());
            return new ReadResult(null, report.reads().size(), 0, 0, 0, report.otherEvents(), report.rejected());
        }
        String session = setup.sessionId();
        List<String> epcs = report.reads().stream().map(TagRead::epc).toList();
        List<Integer> fresh = filter.markNew(session, epcs, System.nanoTime());
        List<ScanObserved> observations = new ArrayList<>(fresh.size());
        int undecodable = 0;
        for (int i : fresh) {
            TagRead read = report.reads().get(i);
            EpcDecoding epc = Epc.decode(read.epc());
            String gtin = null;
            String serial = null;
            if (epc instanceof Sgtin sgtin) {
                gtin = sgtin.gtin();
                serial = sgtin.serial();
            } else {
                undecodable++;
            }
            observations.add(new ScanObserved(ObservationIds.ofEpc(session, read.epc()), session, readerId, CodeKind.EPC,
                    read.epc(), gtin, serial, null, setup.binOf(read.antenna()), read.seenAt()));
        }
        publish(session, observations, correlationId);
        int repeated = epcs.size() - fresh.size();
        unique.increment(fresh.size());
        duplicates.increment(repeated);
        if (undecodable > 0) {
            meters.counter("rfid.tags.undecodable", "reader", readerId).increment(undecodable);
        }
        return new ReadResult(session, epcs.size(), fresh.size(), repeated, undecodable, report.otherEvents(), report.rejected());
    }

    private void publish(String session, List<ScanObserved> observations, String correlationId) {
        if (observations.isEmpty()) {
            return;
        }
        List<String> epcs = observations.stream().map(ScanObserved::code).toList();
        // bounded memory: observations waiting for acks are capped over all requests; past it, readers back off
        if (!inFlight.tryAcquire(observations.size())) {
            filter.forget(session, epcs);
            meters.counter("rfid.backpressure").increment();
            throw new PublishUnavailableException("too many tag reads are waiting for the event log", retryAfter, null);
        }
        try {
            publisher.publish(observations, correlationId);
        } catch (PublishUnavailableException e) {
            // not stored: the next read of these tags must publish them again
            filter.forget(session, epcs);
            meters.counter("scan.ingest.publish.failures").increment();
            throw e;
        } finally {
            inFlight.release(observations.size());
        }
    }
}
