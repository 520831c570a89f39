package com.stockcount.scaningest.infrastructure.kafka;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.scaningest.scan.ObservationPublisher;
import com.stockcount.scaningest.scan.PublishUnavailableException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes observations to {@code scan.observation.v1}, keyed by session so a session's scans stay
 * in order on one partition, and waits for every acknowledgement (acks=all) within a bound. A
 * broker that does not answer in time turns into a 503 for the device instead of a request that
 * hangs or a scan held in memory that a crash would lose. Created at startup, so the first batch
 * does not pay for the producer's connection and metadata.
 *
 * <p>With {@code stockcount.scan-ingest.publish-batches} (the default) the observations of a call go out as
 * {@link ScanObservationBatch} records, one per session and per {@value ScanObservationBatch#MAX_OBSERVATIONS}
 * observations, instead of one {@link ScanObserved} record each: an RFID portal body with 500 new tags then
 * costs the producer, the broker and count-service one record instead of 500. It is a switch because a
 * count-service older than its batch consumer must not be sent them.
 */
@Startup
@ApplicationScoped
public class KafkaObservationPublisher implements ObservationPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaObservationPublisher.class);
    /** Above a full batch record ({@value ScanObservationBatch#MAX_OBSERVATIONS} observations of about 330 bytes); under max.request.size (1 MB). */
    private static final int BATCH_BYTES = 512 * 1024;

    private final Duration timeout;
    private final Duration retryAfter;
    private final boolean batches;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaObservationPublisher(
            @ConfigProperty(name = "stockcount.scan-ingest.publish-timeout", defaultValue = "5s") Duration timeout,
            @ConfigProperty(name = "stockcount.scan-ingest.retry-after", defaultValue = "5s") Duration retryAfter,
            @ConfigProperty(name = "stockcount.scan-ingest.publish-batches", defaultValue = "true") boolean batches,
            @ConfigProperty(name = "stockcount.scan-ingest.compression", defaultValue = "lz4") String compression) {
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        this.batches = batches;
        // send() blocks while metadata is missing or the buffer is full: bound that wait like the acks.
        // A portal body's batch record is 150-300 kB of JSON; with the default batch.size (16 kB) every record got a
        // producer batch of its own, its buffer freshly allocated (and zeroed) outside the producer's pool and sent in
        // a request of its own. Batches of BATCH_BYTES come from the pool, and the records of the bodies of one
        // session that arrive within linger.ms (5 ms) share one batch and one request.
        this.producer = KafkaClients.producer("scan-ingest", Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis(),
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES, ProducerConfig.COMPRESSION_TYPE_CONFIG, compression));
    }

    @Override
    public void publish(List<ScanObserved> observations, String correlationId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(observations.size());
        try {
            for (ProducerRecord<String, byte[]> record : batches ? batched(observations, correlationId)
                    : singles(observations, correlationId)) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException | KafkaException e) {
            LOG.warnf("%d observations not acknowledged within %s: %s", observations.size(), timeout, e.toString());
            throw new PublishUnavailableException("the event log did not acknowledge the scans within " + timeout,
                    retryAfter, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishUnavailableException("interrupted while waiting for the event log", retryAfter, e);
        }
    }

    private static List<ProducerRecord<String, byte[]>> singles(List<ScanObserved> observations, String correlationId) {
        return observations.stream().map(o -> EventRecords.event(Topics.SCAN_OBSERVATION, o.sessionId(), o.observationId(),
                ScanObserved.TYPE, ScanObserved.VERSION, o.observedAt(), correlationId, o)).toList();
    }

    /** In the order given within each session: a bin label stays before the scans it applies to. */
    private static List<ProducerRecord<String, byte[]>> batched(List<ScanObserved> observations, String correlationId) {
        Map<String, List<ScanObserved>> bySession = new LinkedHashMap<>();
        for (ScanObserved o : observations) {
            bySession.computeIfAbsent(o.sessionId(), s -> new ArrayList<>()).add(o);
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        bySession.forEach((session, all) -> {
            for (int from = 0; from < all.size(); from += ScanObservationBatch.MAX_OBSERVATIONS) {
                List<ScanObserved> part = all.subList(from, Math.min(all.size(), from + ScanObservationBatch.MAX_OBSERVATIONS));
                // the batch id only names the record; count-service de-duplicates on each observation's own id
                ScanObservationBatch batch = new ScanObservationBatch(UUID.randomUUID().toString(), session, part);
                records.add(EventRecords.eventBytes(Topics.SCAN_OBSERVATION, session, batch.batchId(), ScanObservationBatch.TYPE,
                        ScanObservationBatch.VERSION, latest(part), correlationId, ObservationBatchJson.write(batch)));
            }
        });
        return records;
    }

    private static Instant latest(List<ScanObserved> observations) {
        Instant latest = observations.get(0).observedAt();
        for (ScanObserved o : observations) {
            if (o.observedAt().isAfter(latest)) {
                latest = o.observedAt();
            }
        }
        return latest;
    }

    @PreDestroy
    void close() {
        // bounded: with the broker gone, an unbounded close would hold shutdown for the delivery timeout
        producer.close(timeout);
    }
}
