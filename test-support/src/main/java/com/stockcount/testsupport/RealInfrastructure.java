package com.stockcount.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Hands a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL database, both in-process.
 * The servers are started once per test JVM and shared; each service module gets its own database,
 * named by the {@code database} init argument (default {@code app}).
 *
 * <pre>{@code @WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))}</pre>
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        String jdbcUrl = SharedInfrastructure.postgres().createDatabase(database);
        return Map.of(
                "kafka.bootstrap.servers", SharedInfrastructure.kafka().bootstrapServers(),
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // shared for the whole JVM; stopped by the shutdown hook of SharedInfrastructure
    }
}
