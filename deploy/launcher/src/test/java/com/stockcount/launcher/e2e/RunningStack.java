package com.stockcount.launcher.e2e;

import com.stockcount.launcher.Service;
import com.stockcount.launcher.Stack;
import com.stockcount.launcher.StackConfig;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The system as {@code ./run.sh} starts it (same {@link Stack}: embedded broker and database, four
 * service processes), once per test JVM, on free ports and a throw-away data directory. Each
 * test works in its own site, so tests do not see each other's stock.
 */
final class RunningStack {

    private static Stack stack;

    private RunningStack() {
    }

    static synchronized Stack get() {
        if (stack == null) {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("KAFKA_BOOTSTRAP_SERVERS");
            env.remove("POSTGRES_HOST");
            env.put("STOCKCOUNT_DATA_DIR", tempDir().toString());
            env.put("STOCKCOUNT_PORT_BASE", Integer.toString(freePortBase()));
            env.put("EMBEDDED_KAFKA_PORT", Integer.toString(freePort()));
            env.put("POSTGRES_PORT", Integer.toString(freePort()));
            env.put("STOCKCOUNT_SERVICE_JVM_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
            // -De2e.home=DIR: the services built in another tree (a copy of a commit), not this one's target/
            String home = System.getProperty("e2e.home");
            if (home != null) {
                env.put("STOCKCOUNT_HOME", home);
            }
            // a service that stops answering mid-response (killed, or broken) fails the call instead of hanging the test
            RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));
            stack = new Stack(StackConfig.fromEnvironment(env)).start();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
        }
        return stack;
    }

    static String url(Service service) {
        return get().service(service).url();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("stockcount-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A base such that base+1 … base+4 are free. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(base + 1) && free(base + 2) && free(base + 3) && free(base + 4)) {
                return base;
            }
        }
        throw new IllegalStateException("no four free consecutive ports");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
