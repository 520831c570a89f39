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
        stopped.await();
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
                  curl -s -X POST %s/counts -H 'Content-Type: application/json' \\
                       -d '{"site":"%s","name":"Display count","type":"HARD","bin":"%s"}'

                Ctrl-C stops everything.
                """.formatted(
                config.url(Service.INVENTORY), config.url(Service.INVENTORY), count,
                config.url(Service.SCAN_INGEST), config.url(Service.RECONCILIATION),
                stack.bootstrapServers(), config.dataDir().resolve("logs"),
                DemoSeed.SITE, DemoSeed.DISPLAY_BIN, count, DemoSeed.SITE, DemoSeed.DISPLAY_BIN);
    }
}
