package com.stockcount.bench;

import com.stockcount.launcher.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency from the last read of a tag to that tag being visible in count-service's session view.
 * Seeds an RFID product and a quant in a bin through inventory, creates a count of that bin, starts
 * its session, binds the portal to it, then replays a paced portal: each body holds B/R distinct tags,
 * each read R times (a tag passing the portal), body k due at k·(B/R)/rate. A poller reads
 * {@code totals.unitsCounted} of the session (= distinct EPCs on its RFID line) every few ms. Bodies go
 * out in order and scan-ingest keys by session (one partition, applied in order), so all tags of body k
 * are visible once the count reaches the tags of bodies 0..k: that instant minus body k's send time is
 * the latency of each of its tags (conservative: a body applied before an earlier one waits for it).
 */
final class SessionLatency {

    static final String SITE = "BENCH";
    /** SGTIN-96 company prefix 0614141, indicator 8 + item 12345: the portal's tags (PortalBench.sgtin96). */
    static final String GTIN = "80614141123458";
    private static final Pattern UNITS = Pattern.compile("\"unitsCounted\":(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final HttpClient http;
    private final String inventoryUrl;
    private final String countUrl;
    private final String bearer;

    SessionLatency(HttpClient http, String inventoryUrl, String countUrl, DevTokens tokens) {
        this.http = http;
        this.inventoryUrl = inventoryUrl;
        this.countUrl = countUrl;
        this.bearer = "Bearer " + tokens.token("bench", List.of(SITE), DevTokens.MANAGER_PERMISSIONS, Duration.ofHours(4));
    }

    /** The site, the RFID product, and a quant of a few expected tags (serials outside the replayed range) in {@code bin}. */
    void seedOnce() throws Exception {
        call("POST", inventoryUrl + "/sites", "{\"code\":\"" + SITE + "\",\"name\":\"Bench store\"}", false);
        call("POST", inventoryUrl + "/products", "{\"sku\":\"BENCH-JEANS\",\"name\":\"Bench jeans\",\"parent\":\"Jeans\",\"gtins\":[\""
                + GTIN + "\"],\"tracking\":\"RFID\",\"unitCost\":39.00}", false);
    }

    /** A bin with a quant of the RFID product, a started count session of it; returns the session id. */
    String startedSessionOf(String bin) throws Exception {
        call("POST", inventoryUrl + "/sites/" + SITE + "/bins", "{\"code\":\"" + bin + "\",\"area\":\"Sales floor\"}", false);
        String[] expected = PortalBench.sgtin96((1L << 37) + Math.abs(bin.hashCode() % 1000) * 10L, 5);
        call("POST", inventoryUrl + "/sites/" + SITE + "/receipts", "{\"sku\":\"BENCH-JEANS\",\"bin\":\"" + bin
                + "\",\"serials\":[\"" + String.join("\",\"", expected) + "\"],\"receiptId\":\"bench-" + bin + "\"}", false);
        String count = id(call("POST", countUrl + "/counts", "{\"site\":\"" + SITE + "\",\"name\":\"bench " + bin
                + "\",\"type\":\"HARD\",\"bin\":\"" + bin + "\"}", true));
        String session = id(call("POST", countUrl + "/counts/" + count + "/sessions", "{\"name\":\"portal\",\"bin\":\"" + bin + "\"}", true));
        call("POST", countUrl + "/sessions/" + session + "/start", "{}", true);
        return session;
    }

    long unitsCounted(String session) throws Exception {
        Matcher m = UNITS.matcher(call("GET", countUrl + "/sessions/" + session, null, true));
        if (!m.find()) {
            throw new IllegalStateException("no totals.unitsCounted in the session view");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Replays n tags at {@code rate} unique tags/s (bodies of b events, r reads a tag, c connections) into the
     * reader bound to {@code session}, and prints the achieved rate and the p50/p99/max latency to the session view.
     */
    void run(String ingestUrl, String reader, String session, int n, int r, int a, int b, int c, double rate, long serialBase)
            throws Exception {
        int perBody = Math.max(1, b / r);
        int bodies = (n + perBody - 1) / perBody;
        String[] epcs = PortalBench.sgtin96(serialBase, n);
        long[] sentAt = new long[bodies];
        long baseline = unitsCounted(session);

        List<long[]> samples = new ArrayList<>();
        Thread poller = new Thread(() -> {
            try {
                long deadline = Long.MAX_VALUE;
                while (System.nanoTime() < deadline) {
                    long seen = unitsCounted(session) - baseline;
                    long now = System.nanoTime();
                    synchronized (samples) {
                        samples.add(new long[]{now, seen});
                    }
                    if (seen >= n) {
                        return;
                    }
                    if (deadline == Long.MAX_VALUE && sentAt[bodies - 1] != 0) {
                        deadline = now + Duration.ofSeconds(120).toNanos();
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                System.out.println("poller stopped: " + e);
            }
        }, "session-poller");

        long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
        poller.start();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < c; w++) {
                workers.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < bodies; k = next.getAndIncrement()) {
                        // the body is built before its due time, so building it does not delay its sending
                        StringBuilder json = new StringBuilder(b * 230).append('[');
                        int from = k * perBody;
                        int to = Math.min(n, from + perBody);
                        boolean first = true;
                        for (int read = 0; read < r; read++) {
                            for (int tag = from; tag < to; tag++) {
                                json.append(first ? "" : ",");
                                first = false;
                                PortalBench.impinjEvent(json, epcs[tag], (tag + read) % a + 1);
                            }
                        }
                        String body = json.append(']').toString();
                        long due = start + (long) (k * (double) perBody / rate * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        sentAt[k] = System.nanoTime();
                        PortalBench.post(http, ingestUrl + "/readers/" + reader + "/impinj", body);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        poller.join();

        long[][] timeline;
        synchronized (samples) {
            timeline = samples.toArray(new long[0][]);
        }
        long[] latencies = new long[n];
        int filled = 0;
        int missing = 0;
        int s = 0;
        for (int k = 0; k < bodies; k++) {
            long threshold = Math.min(n, (long) (k + 1) * perBody);
            while (s < timeline.length && timeline[s][1] < threshold) {
                s++;
            }
            int tags = (int) (threshold - (long) k * perBody);
            for (int t = 0; t < tags; t++) {
                if (s < timeline.length) {
                    latencies[filled++] = Math.max(0, timeline[s][0] - sentAt[k]);
                } else {
                    missing++;
                }
            }
        }
        long visible = timeline.length == 0 ? 0 : timeline[timeline.length - 1][1];
        double allVisible = timeline.length == 0 ? Double.NaN : (timeline[timeline.length - 1][0] - start) / 1e9;
        long[] sorted = Arrays.copyOf(latencies, filled);
        Arrays.sort(sorted);
        System.out.printf("%n== latency, last read → visible in count-service session view (N=%d tags, R=%d reads each in one body, B=%d events a body, C=%d, target %,.0f unique/s)%n",
                n, r, b, c, rate);
        System.out.printf("sent           %,d tags in %.2f s = %,.0f unique/s offered (%,.0f reads/s)%n", n, sendSeconds, n / sendSeconds,
                (double) n * r / sendSeconds);
        System.out.printf("visible        %,d of %,d tags, the last %.2f s after the first send%n", visible, n, allVisible);
        if (filled > 0) {
            System.out.printf("latency        p50 %,d ms   p99 %,d ms   max %,d ms%s%n", pct(sorted, 0.50), pct(sorted, 0.99),
                    sorted[filled - 1] / 1_000_000, missing > 0 ? "   (" + missing + " tags never visible within 120 s)" : "");
        }
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1_000_000;
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    private String call(String method, String url, String json, boolean auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (auth) {
            request.header("Authorization", bearer);
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 409) {
            throw new IllegalStateException(method + " " + url + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
