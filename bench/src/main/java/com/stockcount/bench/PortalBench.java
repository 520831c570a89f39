package com.stockcount.bench;

import com.stockcount.launcher.DevTokens;
import com.stockcount.testsupport.EmbeddedKafka;
import com.stockcount.testsupport.EmbeddedPostgresServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * A synthetic RFID portal replayed over HTTP into scan-ingest on a real broker: N distinct SGTIN-96
 * tags, each read R times across A antennas, posted as Impinj webhook arrays of B events by C
 * connections; then, in the same run and on the same broker, Kafka's own ProducerPerformance as the
 * raw ceiling. Starts its own broker, PostgreSQL (durable, as the launcher runs it; {@code --postgres=fast} for the
 * tests' server without fsync) and scan-ingest (the packaged quarkus-run.jar) unless
 * {@code --url=} names a running scan-ingest (then {@code --bootstrap=} names its broker).
 *
 * <p>When it starts the system itself it also starts inventory and count-service and measures, first, the
 * latency from a tag's last read to its visibility in the session ({@link SessionLatency}; {@code --latency=false}
 * skips it; {@code --latency-n=}, {@code --rate=} unique tags/s, {@code --latency-r=} reads a tag (default R),
 * {@code --latency-b=} events a body (default 500 tags), {@code --latency-c=} bodies unanswered at most,
 * {@code --poll-ms=} between reads of the session's count). {@code --batches=true|false} sets scan-ingest's {@code stockcount.scan-ingest.publish-batches}.
 *
 * <pre>./mvnw -q -pl bench exec:java -Dexec.args="--n=200000 --r=5 --a=4 --b=500 --c=4"</pre>
 */
public final class PortalBench {

    /*
     * The JVM options of every service the bench starts: those the launcher starts them with (StackConfig's default of
     * STOCKCOUNT_SERVICE_JVM_OPTS), so the bench measures the system as its one-command run deploys it. Before round 7
     * the bench started them with the JVM's defaults (G1, a quarter of the machine's memory); on these 2 cores G1's
     * concurrent threads and remembered-set scans cost count-service a third more CPU (docs/rfid.md, round 7).
     */
    private static final String SERVICE_JVM = "-Xmx512m -XX:+UseSerialGC";
    private static final DevTokens TOKENS = DevTokens.in(Path.of(System.getProperty("java.io.tmpdir"), "bench-jwt"));

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int n = Integer.parseInt(opts.getOrDefault("n", "200000"));
        int r = Integer.parseInt(opts.getOrDefault("r", "5"));
        int a = Integer.parseInt(opts.getOrDefault("a", "4"));
        int b = Integer.parseInt(opts.getOrDefault("b", "500"));
        int c = Integer.parseInt(opts.getOrDefault("c", "4"));
        long ceilingRecords = Long.parseLong(opts.getOrDefault("ceiling-records", "1000000"));

        // the session-view latency needs inventory and count-service beside scan-ingest: only when the bench starts the system
        boolean latency = !opts.containsKey("url") && !"false".equals(opts.get("latency"));
        int latencyN = Integer.parseInt(opts.getOrDefault("latency-n", "200000"));
        // reads a tag in the latency phase: 20,000 unique/s at R=5 is 100,000 reads/s on the same two cores as count-service
        int latencyR = Integer.parseInt(opts.getOrDefault("latency-r", Integer.toString(r)));
        // portal-sized bodies (2,500 events = 500 tags read 5 times: 40 bodies/s at 20,000 unique/s), sent open loop
        // with at most latency-c unanswered, so one slow 202 does not hold back the bodies due after it. 64 is 1.6 s of
        // bodies at 20,000 unique/s; 256 on the loaded machine let 5 s publish timeouts turn into a storm of 503 retries
        int latencyC = Integer.parseInt(opts.getOrDefault("latency-c", "64"));
        int latencyB = Integer.parseInt(opts.getOrDefault("latency-b", Integer.toString(500 * latencyR)));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "20000"));
        // the poll reads one line row; every 50 ms adds at most 50 ms to a latency and ~20 cheap queries/s to count-service
        Duration poll = Duration.ofMillis(Long.parseLong(opts.getOrDefault("poll-ms", "50")));

        EmbeddedKafka kafka = null;
        EmbeddedPostgresServer postgres = null;
        Process service = null;
        Process inventory = null;
        Process count = null;
        String url = opts.get("url");
        String bootstrap = opts.get("bootstrap");
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            if (url == null) {
                kafka = EmbeddedKafka.forTests();
                // PostgreSQL as the launcher runs it (fsync, synchronous commit and full-page writes on), in a data
                // directory removed at the end. Until round 8 the bench used the tests' server, with all three off (and
                // the launcher's was not durable either: see EmbeddedPostgresServer.persistent): a commit never waited
                // for the disk, which flattered count-service's latency (docs/rfid.md, round 8). --postgres=fast
                // starts the tests' server again, to compare.
                boolean fastPostgres = "fast".equals(opts.getOrDefault("postgres", "durable"));
                postgres = fastPostgres ? EmbeddedPostgresServer.forTests() : EmbeddedPostgresServer.durableInTemporaryDirectory();
                System.out.printf("PostgreSQL: %s (fsync %s, synchronous_commit %s, full_page_writes %s)%n",
                        fastPostgres ? "the tests' server" : "durable, as the launcher runs it", postgres.setting("fsync"),
                        postgres.setting("synchronous_commit"), postgres.setting("full_page_writes"));
                bootstrap = kafka.bootstrapServers();
                int port = Integer.parseInt(opts.getOrDefault("port", "18083"));
                url = "http://localhost:" + port;
                // each service runs with the JVM options the launcher gives it (SERVICE_JVM); --service-jvm (scan-ingest),
                // --count-jvm and --inventory-jvm replace them, e.g. --service-jvm="-Xmx512m -XX:+UseSerialGC
                // -XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile" to profile scan-ingest
                Map<String, String> ingestEnv = serviceEnv(bootstrap, postgres, "scaningest", port);
                // --batches=true|false overrides the service's default of stockcount.scan-ingest.publish-batches
                if (opts.containsKey("batches")) {
                    ingestEnv.put("STOCKCOUNT_SCAN_INGEST_PUBLISH_BATCHES", opts.get("batches"));
                }
                service = startService("scan-ingest-service", ingestEnv, opts.getOrDefault("service-jvm", SERVICE_JVM));
                if (latency) {
                    inventory = startService("inventory-service", serviceEnv(bootstrap, postgres, "inventory", port - 2),
                            opts.getOrDefault("inventory-jvm", SERVICE_JVM));
                    awaitReady(http, "http://localhost:" + (port - 2), inventory, "inventory-service");
                    Map<String, String> env = serviceEnv(bootstrap, postgres, "count", port - 1);
                    env.put("STOCKCOUNT_INVENTORY_URL", "http://localhost:" + (port - 2));
                    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TOKENS.publicKeyPem().toString());
                    env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
                    // --count-env="K=V;K=V" adds to count-service's environment (e.g. a snapshot setting)
                    for (String pair : opts.getOrDefault("count-env", "").split(";")) {
                        if (pair.contains("=")) {
                            env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                        }
                    }
                    count = startService("count-service", env, opts.getOrDefault("count-jvm", SERVICE_JVM));
                    awaitReady(http, "http://localhost:" + (port - 1), count, "count-service");
                }
            }
            awaitReady(http, url, service, "scan-ingest-service");

            if (latency) {
                int port = Integer.parseInt(opts.getOrDefault("port", "18083"));
                SessionLatency view = new SessionLatency(http, "http://localhost:" + (port - 2), "http://localhost:" + (port - 1), TOKENS);
                view.seedOnce();
                String portal = "bench-rfid-portal-" + UUID.randomUUID();
                String warmSession = view.startedSessionOf("RFID-WARM");
                String measured = view.startedSessionOf("RFID-01");
                send(http, "PUT", url + "/readers/" + portal, "{\"site\":\"" + SessionLatency.SITE + "\",\"bin\":\"RFID-WARM\"}");
                send(http, "PUT", url + "/readers/" + portal + "/session", "{\"sessionId\":\"" + warmSession + "\"}");
                // --warmup-n: tags sent to another session first (JIT of every JVM on the path, connections, caches); a node
                // that has been up for a while is past this, so a longer warm-up measures its steady state
                int warmupN = Integer.parseInt(opts.getOrDefault("warmup-n", Integer.toString(Math.min(latencyN / 4, 20_000))));
                System.out.printf("%nwarm-up of the whole path (%,d tags into another session)%n", warmupN);
                // where the cores go in each phase: the JVMs the bench started, PostgreSQL, the bench itself with the broker
                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("count-service", count.pid());
                pids.put("scan-ingest", service == null ? null : service.pid());
                pids.put("inventory", inventory.pid());
                ProcessCpu cpu = new ProcessCpu(pids);
                view.run(url, portal, warmSession, warmupN, latencyR, a, latencyB, latencyC, rate, 3L << 30, poll, cpu);
                send(http, "PUT", url + "/readers/" + portal, "{\"site\":\"" + SessionLatency.SITE + "\",\"bin\":\"RFID-01\"}");
                send(http, "PUT", url + "/readers/" + portal + "/session", "{\"sessionId\":\"" + measured + "\"}");
                // the registry caches a reader's setup (5 s): let the new bin and binding be seen; --settle-s waits longer
                // (count-service snapshots a session once it has been quiet, which a large warm-up session then gets done)
                Thread.sleep(Math.max(6, Long.parseLong(opts.getOrDefault("settle-s", "6"))) * 1000);
                view.run(url, portal, measured, latencyN, latencyR, a, latencyB, latencyC, rate, 4L << 30, poll, cpu);
                // the throughput run below has no consumer, as in earlier runs: its sessions do not exist in count-service
                stop(count);
                count = null;
                stop(inventory);
                inventory = null;
            }

            String reader = "bench-portal-" + UUID.randomUUID();
            String session = "bench-" + UUID.randomUUID();
            StringBuilder antennas = new StringBuilder();
            for (int i = 1; i <= a; i++) {
                antennas.append(i > 1 ? "," : "").append("{\"port\":").append(i).append(",\"bin\":\"PORTAL-").append(i).append("\"}");
            }
            send(http, "PUT", url + "/readers/" + reader, "{\"site\":\"BENCH\",\"bin\":\"PORTAL\",\"antennas\":[" + antennas + "]}");
            send(http, "PUT", url + "/readers/" + reader + "/session", "{\"sessionId\":\"" + session + "\"}");

            // warm-up on another session: JIT, connections, producer metadata
            String warm = "bench-warm-" + UUID.randomUUID();
            send(http, "PUT", url + "/readers/" + reader + "/session", "{\"sessionId\":\"" + warm + "\"}");
            replay(http, url, reader, Math.min(n, 20_000), 2, a, b, c, 1L << 30);
            send(http, "PUT", url + "/readers/" + reader + "/session", "{\"sessionId\":\"" + session + "\"}");

            long reads = (long) n * r;
            // scan-ingest's own CPU time per read: unlike reads/s, it does not depend on what else the machine runs
            Duration cpuBefore = cpu(service);
            long started = System.nanoTime();
            long published = replay(http, url, reader, n, r, a, b, c, 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            Duration cpuAfter = cpu(service);

            System.out.printf("%n== scan-ingest, synthetic portal (N=%d tags, R=%d reads each, A=%d antennas, B=%d events a body, C=%d connections)%n",
                    n, r, a, b, c);
            System.out.printf("raw reads      %,d in %.2f s = %,.0f reads/s%n", reads, seconds, reads / seconds);
            System.out.printf("unique EPCs    %,d published (acks=all) = %,.0f unique/s%n", published, published / seconds);
            if (cpuBefore != null && cpuAfter != null) {
                double cpuSeconds = (cpuAfter.toNanos() - cpuBefore.toNanos()) / 1e9;
                System.out.printf("scan-ingest    %.2f CPU s = %.2f µs of CPU a read (%.2f cores busy on average)%n", cpuSeconds,
                        cpuSeconds * 1e6 / reads, cpuSeconds / seconds);
            }
            System.out.println("(no consumer in this phase: every unique tag is on scan.observation.v1, acknowledged, when its body's 202 "
                    + "arrives; the latency to the session view is the phase above)");

            System.out.printf("%n== Kafka ProducerPerformance on the same broker (%,d records of 250 bytes, acks=all, lz4, linger 5 ms)%n", ceilingRecords);
            double ceiling = ceiling(bootstrap, ceilingRecords);
            System.out.printf("%n== ratios%n");
            System.out.printf("raw reads/s   / producer records/s = %.2f%n", reads / seconds / ceiling);
            System.out.printf("unique/s      / producer records/s = %.2f%n", published / seconds / ceiling);
        } finally {
            stop(count);
            stop(inventory);
            stop(service);
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** Posts every read, round by round (each round reads every tag once, on the antenna its round picks). */
    private static long replay(HttpClient http, String url, String reader, int n, int r, int a, int b, int c, long serialBase)
            throws Exception {
        long total = (long) n * r;
        long bodies = (total + b - 1) / b;
        String[] epcs = sgtin96(serialBase, n);
        AtomicLong next = new AtomicLong();
        AtomicLong published = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        try {
            Future<?>[] workers = new Future<?>[c];
            for (int w = 0; w < c; w++) {
                workers[w] = pool.submit(() -> {
                    for (long body = next.getAndIncrement(); body < bodies; body = next.getAndIncrement()) {
                        StringBuilder json = new StringBuilder(b * 230).append('[');
                        long from = body * b;
                        long to = Math.min(total, from + b);
                        for (long i = from; i < to; i++) {
                            long tag = i % n;
                            int antenna = (int) ((tag + i / n) % a) + 1;
                            if (i > from) {
                                json.append(',');
                            }
                            impinjEvent(json, epcs[(int) tag], antenna);
                        }
                        json.append(']');
                        String answer = post(http, url + "/readers/" + reader + "/impinj", json.toString());
                        Matcher m = PUBLISHED.matcher(answer);
                        if (m.find()) {
                            published.addAndGet(Long.parseLong(m.group(1)));
                        }
                    }
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return published.get();
    }

    /** One Impinj IoT device interface tag inventory event, as a portal sends it. */
    static void impinjEvent(StringBuilder json, String epcHex, int antenna) {
        json.append("{\"timestamp\":\"2025-06-15T10:00:00.123456789Z\",\"hostname\":\"bench\",\"eventType\":\"tagInventory\",")
                .append("\"tagInventoryEvent\":{\"epcHex\":\"").append(epcHex)
                .append("\",\"antennaPort\":").append(antenna).append(",\"peakRssiCdbm\":-5400}}");
    }

    private static final Pattern PUBLISHED = Pattern.compile("\"published\":(\\d+)");

    private static final long SGTIN_TOP = ((((0x30L << 3 | 1) << 3 | 5) << 24 | 614141) << 20) | 812345;

    /** SGTIN-96, filter 1, company prefix 0614141 (partition 5), item 812345, the given serial. */
    static String[] sgtin96(long serialBase, int n) {
        String[] epcs = new String[n];
        for (int i = 0; i < n; i++) {
            epcs[i] = String.format("%024X", java.math.BigInteger.valueOf(SGTIN_TOP).shiftLeft(38)
                    .or(java.math.BigInteger.valueOf(serialBase + i)));
        }
        return epcs;
    }

    static String post(HttpClient http, String url, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return response.body();
            }
            if (response.statusCode() != 503 || attempt > 20) {
                throw new IllegalStateException("POST " + url + " → " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(200);
        }
    }

    private static void send(HttpClient http, String method, String url, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
        }
    }

    private static double ceiling(String bootstrap, long records) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var original = System.out;
        var tee = new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] bytes, int off, int len) {
                original.write(bytes, off, len);
                out.write(bytes, off, len);
            }
        }, true);
        System.setOut(tee);
        try {
            ProducerPerformance.main(new String[]{"--topic", "bench.ceiling." + UUID.randomUUID(), "--num-records", Long.toString(records),
                    "--record-size", "250", "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all",
                    "compression.type=lz4", "linger.ms=5", "enable.idempotence=true"});
        } finally {
            System.setOut(original);
        }
        Matcher m = Pattern.compile("records sent, ([0-9.]+) records/sec").matcher(out.toString());
        double last = 0;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    /** Starts a packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) configured by environment, as in production. */
    private static Process startService(String module, Map<String, String> env, String jvmOptions) throws Exception {
        // -Dbench.<module>=DIR runs the module packaged elsewhere (e.g. a build of a committed revision)
        Path jar = Path.of(System.getProperty("bench." + module, module), "target/quarkus-app/quarkus-run.jar");
        if (!jar.toFile().exists()) {
            jar = Path.of("..").resolve(jar);
        }
        if (!jar.toFile().exists()) {
            throw new IllegalStateException("package " + module + " first: ./mvnw -q -pl " + module + " package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Arrays.stream(jvmOptions.trim().split("\\s+")).filter(o -> !o.isBlank()).toList());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log(module));
        return builder.start();
    }

    private static File log(String module) {
        return new File(System.getProperty("java.io.tmpdir"), "bench-" + module + ".log");
    }

    private static Map<String, String> serviceEnv(String bootstrap, EmbeddedPostgresServer postgres, String database, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.createDatabase(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedPostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", EmbeddedPostgresServer.PASSWORD);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("STOCKCOUNT_KAFKA_PARTITIONS", "6");
        return env;
    }

    /** CPU time (user + system) the service's JVM has used so far; null when the bench did not start it or the OS does not tell. */
    private static Duration cpu(Process service) {
        return service == null ? null : service.info().totalCpuDuration().orElse(null);
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitReady(HttpClient http, String url, Process service, String module) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (service != null && !service.isAlive()) {
                throw new IllegalStateException(module + " exited; see " + log(module));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not ready within 180 s");
    }
}
