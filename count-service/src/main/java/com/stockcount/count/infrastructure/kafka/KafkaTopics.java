package com.stockcount.count.infrastructure.kafka;

import com.stockcount.contracts.Topics;
import com.stockcount.platform.kafka.TopicAdmin;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the topics count-service reads and writes before anything publishes or consumes (runs first). */
@Startup(100)
@ApplicationScoped
public class KafkaTopics {

    @ConfigProperty(name = "stockcount.kafka.partitions", defaultValue = "6")
    int partitions;
    @ConfigProperty(name = "stockcount.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @PostConstruct
    void ensure() {
        TopicAdmin.ensure(List.of(Topics.COUNT_SESSION, Topics.SCAN_OBSERVATION,
                Topics.deadLetterOf(Topics.SCAN_OBSERVATION)), partitions, replicationFactor);
    }
}
