package com.stockcount.scaningest.support;

import com.stockcount.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The JVM-wide real Kafka broker, and nothing else: this service has no database. */
public class SharedKafka implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by the shutdown hook of SharedInfrastructure
    }
}
