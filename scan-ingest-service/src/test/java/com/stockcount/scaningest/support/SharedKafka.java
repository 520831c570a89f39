package com.stockcount.scaningest.support;

import com.stockcount.testsupport.EmbeddedPostgresServer;
import com.stockcount.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** The JVM-wide real Kafka broker, and the service's own database (reader registry) on the shared PostgreSQL. */
public class SharedKafka implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "scaningest";

    /** The datasource settings of the service's database, created on first use. */
    public static Map<String, String> database() {
        return Map.of(
                "quarkus.datasource.jdbc.url", SharedInfrastructure.postgres().createDatabase(DATABASE),
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(database());
        config.put("kafka.bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers());
        return config;
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by the shutdown hook of SharedInfrastructure
    }
}
