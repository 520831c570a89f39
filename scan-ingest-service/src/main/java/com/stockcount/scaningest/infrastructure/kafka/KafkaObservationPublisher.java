package com.stockcount.scaningest.infrastructure.kafka;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.scaningest.scan.ObservationPublisher;
import com.stockcount.scaningest.scan.PublishUnavailableException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 */
@Startup
@ApplicationScoped
public class KafkaObservationPublisher implements ObservationPublisher {

    private static final Logger LOG = Logger.getLogger(KafkaObservationPublisher.class);

    private final Duration timeout;
    private final Duration retryAfter;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaObservationPublisher(
            @ConfigProperty(name = "stockcount.scan-ingest.publish-timeout", defaultValue = "5s") Duration timeout,
            @ConfigProperty(name = "stockcount.scan-ingest.retry-after", defaultValue = "5s") Duration retryAfter) {
        this.timeout = timeout;
        this.retryAfter = retryAfter;
        // send() blocks while metadata is missing or the buffer is full: bound that wait like the acks
        this.producer = KafkaClients.producer("scan-ingest", Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis()));
    }

    @Override
    public void publish(List<ScanObserved> observations, String correlationId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(observations.size());
        try {
            for (ScanObserved o : observations) {
                acks.add(producer.send(EventRecords.event(Topics.SCAN_OBSERVATION, o.sessionId(), o.observationId(),
                        ScanObserved.TYPE, ScanObserved.VERSION, o.observedAt(), correlationId, o)));
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

    @PreDestroy
    void close() {
        // bounded: with the broker gone, an unbounded close would hold shutdown for the delivery timeout
        producer.close(timeout);
    }
}
