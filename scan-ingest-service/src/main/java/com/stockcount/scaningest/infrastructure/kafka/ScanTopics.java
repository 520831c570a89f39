package com.stockcount.scaningest.infrastructure.kafka;

import com.stockcount.contracts.Topics;
import com.stockcount.platform.kafka.TopicAdmin;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the topic this service writes before the first batch arrives, with the platform's partitioning. */
@ApplicationScoped
public class ScanTopics {

    private final int partitions;
    private final short replicationFactor;

    public ScanTopics(@ConfigProperty(name = "stockcount.kafka.partitions", defaultValue = "6") int partitions,
                      @ConfigProperty(name = "stockcount.kafka.replication-factor", defaultValue = "1") short replicationFactor) {
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void ensure(@Observes StartupEvent startup) {
        TopicAdmin.ensure(List.of(Topics.SCAN_OBSERVATION), partitions, replicationFactor);
    }
}
