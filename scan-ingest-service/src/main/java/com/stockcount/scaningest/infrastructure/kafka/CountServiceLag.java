package com.stockcount.scaningest.infrastructure.kafka;

import com.stockcount.contracts.Topics;
import com.stockcount.platform.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How far count-service is behind what this service published: the consumer-group lag of
 * {@code count-service} on {@code scan.observation.v1}, summed over partitions (end offset minus
 * committed offset; a partition without a commit counts from its log start). Refreshed on a timer of
 * its own with bounded Admin calls, so a scrape never waits for the broker; while the broker does not
 * answer the gauge is NaN ("unknown") rather than a stale number that looks healthy.
 */
@Startup
@ApplicationScoped
public class CountServiceLag {

    static final String GROUP = "count-service";
    private static final Logger LOG = Logger.getLogger(CountServiceLag.class);

    private final Duration timeout;
    private final Admin admin;
    private final ScheduledExecutorService timer;
    private volatile double lag = Double.NaN;
    private volatile boolean failing;

    public CountServiceLag(MeterRegistry meters,
                           @ConfigProperty(name = "stockcount.scan-ingest.lag.refresh", defaultValue = "10s") Duration refresh,
                           @ConfigProperty(name = "stockcount.scan-ingest.lag.timeout", defaultValue = "3s") Duration timeout) {
        this.timeout = timeout;
        Map<String, Object> props = KafkaClients.common();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "scan-ingest-lag");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(props);
        Gauge.builder("rfid.count.service.lag", this, l -> l.lag)
                .description("records of scan.observation.v1 not yet committed by consumer group count-service (NaN: broker not answering)")
                .baseUnit("records")
                .register(meters);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "count-service-lag");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            lag = measure();
            if (failing) {
                LOG.info("count-service lag measurable again");
                failing = false;
            }
        } catch (Exception e) {
            lag = Double.NaN;
            if (!failing) {
                LOG.warnf("count-service lag not measurable: %s", e.toString());
                failing = true;
            }
        } catch (Throwable t) {
            // anything else must not kill the timer thread silently
            lag = Double.NaN;
            LOG.error("count-service lag refresh failed", t);
        }
    }

    private long measure() throws Exception {
        String topic = Topics.SCAN_OBSERVATION;
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            latest.put(tp, OffsetSpec.latest());
            if (committed.get(tp) == null) {
                earliest.put(tp, OffsetSpec.earliest());
            }
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                : admin.listOffsets(earliest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long sum = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
            OffsetAndMetadata commit = committed.get(end.getKey());
            long from = commit != null ? commit.offset() : starts.get(end.getKey()).offset();
            sum += Math.max(0, end.getValue().offset() - from);
        }
        return sum;
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        admin.close(timeout);
    }
}
