package com.stockcount.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack runs and what it talks to, read from environment variables. Without any, it runs
 * fully embedded: a Kafka broker and a PostgreSQL server inside the launcher, data under
 * {@code .run/} so a second start finds the first one's counts.
 *
 * @param home            project root holding the four {@code <service>/target/quarkus-app} builds
 * @param dataDir         embedded data and service logs
 * @param externalKafka   {@code KAFKA_BOOTSTRAP_SERVERS}: use this cluster instead of the embedded broker
 * @param kafkaPort       {@code EMBEDDED_KAFKA_PORT} of the embedded broker
 * @param externalPostgres {@code POSTGRES_HOST}: use this server instead of the embedded one
 * @param postgresPort    {@code POSTGRES_PORT} (embedded or external)
 * @param portBase        {@code STOCKCOUNT_PORT_BASE}: inventory on base+1, count +2, scan-ingest +3, reconciliation +4
 */
public record StackConfig(
        Path home,
        Path dataDir,
        Optional<String> externalKafka,
        int kafkaPort,
        Optional<String> externalPostgres,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        int portBase,
        boolean seedDemo,
        String serviceJvmOptions) {

    public static StackConfig fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("STOCKCOUNT_HOME", ".")).toAbsolutePath().normalize();
        return new StackConfig(
                home,
                Path.of(env.getOrDefault("STOCKCOUNT_DATA_DIR", home.resolve(".run").toString())).toAbsolutePath(),
                Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank()),
                Integer.parseInt(env.getOrDefault("EMBEDDED_KAFKA_PORT", "19092")),
                Optional.ofNullable(env.get("POSTGRES_HOST")).filter(s -> !s.isBlank()),
                Integer.parseInt(env.getOrDefault("POSTGRES_PORT", "15432")),
                env.getOrDefault("POSTGRES_USER", "postgres"),
                env.getOrDefault("POSTGRES_PASSWORD", "postgres"),
                Integer.parseInt(env.getOrDefault("STOCKCOUNT_PORT_BASE", "8080")),
                !"false".equalsIgnoreCase(env.getOrDefault("STOCKCOUNT_SEED_DEMO", "true")),
                env.getOrDefault("STOCKCOUNT_SERVICE_JVM_OPTS", "-Xmx512m -XX:+UseSerialGC"));
    }

    public int port(Service service) {
        return portBase + service.portOffset();
    }

    public String url(Service service) {
        return "http://localhost:" + port(service);
    }
}
