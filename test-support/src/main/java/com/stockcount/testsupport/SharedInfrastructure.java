package com.stockcount.testsupport;

/** One Kafka broker and one PostgreSQL server per test JVM, started on first use, stopped at exit. */
public final class SharedInfrastructure {

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;

    private SharedInfrastructure() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.forTests();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.forTests();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "embedded-postgres-stop"));
        }
        return postgres;
    }
}
