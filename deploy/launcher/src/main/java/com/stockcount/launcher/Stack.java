package com.stockcount.launcher;

import com.stockcount.testsupport.EmbeddedKafka;
import com.stockcount.testsupport.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system: Kafka and PostgreSQL (embedded unless external ones are configured), then the
 * four services as separate processes pointed at them. Used by {@link Launcher} and by the
 * end-to-end tests, so the tests run the system exactly the way {@code ./run.sh} does.
 */
public final class Stack implements AutoCloseable {

    private final StackConfig config;
    private EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;
    private String bootstrapServers;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private DevTokens tokens;

    public Stack(StackConfig config) {
        this.config = config;
    }

    public Stack start() {
        tokens = DevTokens.in(config.dataDir().resolve("jwt"));
        startInfrastructure();
        for (Service service : Service.values()) {
            ServiceProcess process = process(service).start();
            services.put(service, process);
        }
        for (ServiceProcess process : services.values()) {
            process.awaitReady(Duration.ofSeconds(180));
        }
        return this;
    }

    private void startInfrastructure() {
        if (config.externalKafka().isPresent()) {
            bootstrapServers = config.externalKafka().get();
        } else {
            kafka = EmbeddedKafka.persistent(config.dataDir().resolve("kafka"), config.kafkaPort());
            bootstrapServers = kafka.bootstrapServers();
        }
        if (config.externalPostgres().isEmpty()) {
            postgres = EmbeddedPostgresServer.persistent(config.dataDir().resolve("postgres"), config.postgresPort());
        }
        for (Service service : Service.values()) {
            service.database().ifPresent(this::createDatabase);
        }
    }

    private ServiceProcess process(Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(config.port(service)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        service.database().ifPresent(db -> {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(db));
            env.put("QUARKUS_DATASOURCE_USERNAME", config.postgresUser());
            env.put("QUARKUS_DATASOURCE_PASSWORD", config.postgresPassword());
        });
        if (service == Service.COUNT) {
            env.put("STOCKCOUNT_INVENTORY_URL", config.url(Service.INVENTORY));
            // the embedded run trusts the development key; production points this at its identity provider's key
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", tokens.publicKeyPem().toString());
            env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        }
        List<String> jvm = new ArrayList<>(Arrays.asList(config.serviceJvmOptions().trim().split("\\s+")));
        jvm.removeIf(String::isBlank);
        return new ServiceProcess(service,
                config.home().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"),
                config.dataDir().resolve("logs").resolve(service.module() + ".log"),
                env, jvm, config.url(service));
    }

    private String jdbcUrl(String database) {
        String host = config.externalPostgres().orElse("localhost");
        return "jdbc:postgresql://" + host + ":" + config.postgresPort() + "/" + database;
    }

    /** Creates a service's database when missing; an external server may instead have it created by its DBA. */
    private void createDatabase(String database) {
        String admin = jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(admin, config.postgresUser(), config.postgresPassword());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + database + " at " + admin
                    + " (create it, or grant CREATEDB to " + config.postgresUser() + ")", e);
        }
    }

    /** Signs bearer tokens that count-service of this stack accepts. */
    public DevTokens tokens() {
        return tokens;
    }

    public ServiceProcess service(Service service) {
        return services.get(service);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded broker, to stop and restart it in fault tests; empty with an external cluster. */
    public java.util.Optional<EmbeddedKafka> embeddedKafka() {
        return java.util.Optional.ofNullable(kafka);
    }

    /** The embedded PostgreSQL server, to stop and restart it in fault tests; empty with an external one. */
    public java.util.Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return java.util.Optional.ofNullable(postgres);
    }

    public String jdbcUrlOf(Service service) {
        return jdbcUrl(service.database().orElseThrow());
    }

    public StackConfig config() {
        return config;
    }

    /**
     * The services first, all at once (each gets SIGTERM and its grace period in parallel, so the
     * whole stop stays within one grace period), then the infrastructure they need.
     */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess process : services.values()) {
            Thread thread = new Thread(process::stop, "stop-" + process.service().module());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (kafka != null) {
            kafka.stop();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
