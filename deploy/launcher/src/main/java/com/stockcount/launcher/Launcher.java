package com.stockcount.launcher;

import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run.sh}: starts the whole platform on embedded defaults (or on the Kafka and PostgreSQL
 * named by environment variables), seeds a demo store, prints where everything is, and stops it
 * all cleanly on Ctrl-C or SIGTERM.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException {
        StackConfig config = StackConfig.fromEnvironment(System.getenv());
        Stack stack = new Stack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping services, Kafka and PostgreSQL…");
            stack.close();
            stopped.countDown();
            System.out.println("Stopped.");
        }, "stack-stop"));

        System.out.println("Starting the stock-count platform (data and logs in " + config.dataDir() + ")…");
        try {
            stack.start();
            if (config.seedDemo()) {
                new DemoSeed(config.url(Service.INVENTORY)).run();
            }
        } catch (RuntimeException e) {
            System.err.println("Start failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(banner(config, stack));
        System.out.println(demoTokens(config, stack.tokens()));
        stopped.await();
    }

    /** A manager and an associate of the demo store, valid for a day; also written to a file for scripts. */
    private static String demoTokens(StackConfig config, DevTokens tokens) {
        java.time.Duration day = java.time.Duration.ofDays(1);
        String manager = tokens.token("demo-manager", java.util.List.of(DemoSeed.SITE), DevTokens.MANAGER_PERMISSIONS, day);
        String associate = tokens.token("demo-associate", java.util.List.of(DemoSeed.SITE),
                DevTokens.ASSOCIATE_PERMISSIONS, day);
        java.nio.file.Path file = config.dataDir().resolve("demo-tokens.env");
        try {
            java.nio.file.Files.writeString(file, "MANAGER_TOKEN=" + manager + "\nASSOCIATE_TOKEN=" + associate + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return """
                Demo bearer tokens (signed with a development key; valid 24 h) are in %s:
                  source %s   # then: curl -H "Authorization: Bearer $MANAGER_TOKEN" …
                  manager   (all count permissions, COMMON_ADMIN) and associate (update:stock-count, FULFILL_INVCUNT_ADMIN)
                """.formatted(file, file);
    }

    private static String banner(StackConfig config, Stack stack) {
        String count = config.url(Service.COUNT);
        return """

                Stock-count platform is up.
                  inventory-service       %s   (OpenAPI UI: %s/q/swagger-ui)
                  count-service           %s
                  scan-ingest-service     %s
                  reconciliation-service  %s
                  Kafka bootstrap         %s
                  service logs            %s

                Try it (demo store %s, bin %s):
                  source %s
                  curl -s -X POST %s/counts -H "Authorization: Bearer $MANAGER_TOKEN" -H 'Content-Type: application/json' \\
                       -d '{"site":"%s","name":"Display count","type":"HARD","bin":"%s"}'

                Ctrl-C stops everything.
                """.formatted(
                config.url(Service.INVENTORY), config.url(Service.INVENTORY), count,
                config.url(Service.SCAN_INGEST), config.url(Service.RECONCILIATION),
                stack.bootstrapServers(), config.dataDir().resolve("logs"),
                DemoSeed.SITE, DemoSeed.DISPLAY_BIN, config.dataDir().resolve("demo-tokens.env"), count, DemoSeed.SITE,
                DemoSeed.DISPLAY_BIN);
    }
}
