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
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency from the last read of a tag to that tag being visible in count-service's session. Seeds an RFID
 * product and a quant in a bin through inventory, creates a count of that bin, starts its session, binds the
 * portal to it, then replays a paced portal: each body holds B/R distinct tags, each read R times (a tag passing
 * the portal), body k sent at k·(B/R)/rate. A poller reads the counted quantity of the session's one (RFID) line
 * (= distinct EPCs counted) every few tens of ms. Bodies go out in order and scan-ingest keys by session (one
 * partition, applied in order), so all tags of body k are visible once the count reaches the tags of bodies 0..k:
 * that instant minus body k's send time is the latency of each of its tags (conservative: a body applied before an
 * earlier one waits for it).
 */
final class SessionLatency {

    static final String SITE = "BENCH";
    /** SGTIN-96 company prefix 0614141, indicator 8 + item 12345: the portal's tags (PortalBench.sgtin96). */
    static final String GTIN = "80614141123458";
    private static final Pattern COUNTED = Pattern.compile("\"countedQuantity\":(\\d+|null)");
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

    /**
     * Tags counted on the session's RFID line: one indexed read of one line row. The session view
     * ({@code GET /sessions/{id}}) would count every scan row of the session on each poll, load count-service's
     * database while it applies the tags being timed, and so slow down what it measures.
     */
    long counted(String session) throws Exception {
        String page = call("GET", countUrl + "/sessions/" + session + "/lines?limit=2", null, true);
        Matcher m = COUNTED.matcher(page);
        long counted = 0;
        int lines = 0;
        while (m.find()) {
            lines++;
            counted += m.group(1).equals("null") ? 0 : Long.parseLong(m.group(1));
        }
        if (lines != 1) {
            throw new IllegalStateException("the bench session should have one line (its RFID quant), found " + lines + ": " + page);
        }
        return counted;
    }

    /**
     * Replays n tags at {@code rate} unique tags/s into the reader bound to {@code session}: bodies of b events,
     * each tag read r times in its body across a antennas. Every body is built before the clock starts; one thread
     * sends body k at its due time k·(b/r)/rate without waiting for earlier answers (open loop, at most
     * {@code inFlight} bodies unanswered), so a slow answer does not lower the rate offered. Prints the rate offered
     * and accepted (loudly when short of the target) and, per tag, the latency from its last read's send to the
     * session counting it, split into send → 202 (scan-ingest, acks=all) and 202 → visible (count-service).
     */
    void run(String ingestUrl, String reader, String session, int n, int r, int a, int b, int inFlight, double rate,
             long serialBase, Duration pollEvery, ProcessCpu cpu) throws Exception {
        int perBody = Math.max(1, b / r);
        int bodies = (n + perBody - 1) / perBody;
        String[] epcs = PortalBench.sgtin96(serialBase, n);
        byte[][] payloads = new byte[bodies][];
        for (int k = 0; k < bodies; k++) {
            StringBuilder json = new StringBuilder(perBody * r * 180).append('[');
            int from = k * perBody;
            int to = Math.min(n, from + perBody);
            for (int read = 0; read < r; read++) {
                for (int tag = from; tag < to; tag++) {
                    if (json.length() > 1) {
                        json.append(',');
                    }
                    PortalBench.impinjEvent(json, epcs[tag], (tag + read) % a + 1);
                }
            }
            payloads[k] = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        }
        URI target = URI.create(ingestUrl + "/readers/" + reader + "/impinj");
        long[] sentAt = new long[bodies];
        long[] ackedAt = new long[bodies];
        long baseline = counted(session);

        List<long[]> samples = new ArrayList<>();
        AtomicLong lastAck = new AtomicLong();
        CountDownLatch done = new CountDownLatch(bodies);
        Thread poller = new Thread(() -> {
            try {
                long deadline = Long.MAX_VALUE;
                while (System.nanoTime() < deadline) {
                    long seen = counted(session) - baseline;
                    long now = System.nanoTime();
                    synchronized (samples) {
                        samples.add(new long[]{now, seen});
                    }
                    if (seen >= n) {
                        return;
                    }
                    if (deadline == Long.MAX_VALUE && done.getCount() == 0) {
                        deadline = now + Duration.ofSeconds(120).toNanos();
                    }
                    Thread.sleep(pollEvery.toMillis());
                }
            } catch (Exception e) {
                System.out.println("poller stopped: " + e);
            }
        }, "session-poller");

        Semaphore window = new Semaphore(inFlight);
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long start = System.nanoTime() + Duration.ofMillis(200).toNanos();
        long behind = 0;
        Map<String, Double> cpuBefore = cpu.sample();
        poller.start();
        for (int k = 0; k < bodies; k++) {
            long due = start + (long) (k * (double) perBody / rate * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            window.acquire();
            sentAt[k] = System.nanoTime();
            behind = Math.max(behind, sentAt[k] - due);
            send(target, payloads[k], k, ackedAt, window, retries, answered, failure, done, lastAck);
        }
        long lastSend = System.nanoTime();
        if (!done.await(5, TimeUnit.MINUTES)) {
            System.out.println("!! " + done.getCount() + " bodies unanswered after 5 minutes");
        }
        poller.join();
        Map<String, Double> cpuAfter = cpu.sample();
        double cpuWall = (System.nanoTime() - start) / 1e9;

        long[][] timeline;
        synchronized (samples) {
            timeline = samples.toArray(new long[0][]);
        }
        long[] total = new long[n];
        long[] toAck = new long[n];
        long[] ackToVisible = new long[n];
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
                if (s < timeline.length && ackedAt[k] != 0) {
                    total[filled] = Math.max(0, timeline[s][0] - sentAt[k]);
                    toAck[filled] = ackedAt[k] - sentAt[k];
                    // the tags may be counted before the 202 travels back to the client
                    ackToVisible[filled] = Math.max(0, timeline[s][0] - ackedAt[k]);
                    filled++;
                } else {
                    missing++;
                }
            }
        }
        long visible = timeline.length == 0 ? 0 : timeline[timeline.length - 1][1];
        double allVisible = timeline.length == 0 ? Double.NaN : (timeline[timeline.length - 1][0] - sentAt[0]) / 1e9;
        // a tag's "last read" is its body's send: rates are over the span from the first send to the last
        double sendSpan = bodies > 1 ? (sentAt[bodies - 1] - sentAt[0]) / 1e9 : Double.NaN;
        double offered = (n - perBody) / sendSpan;
        double accepted = n / ((lastAck.get() - sentAt[0]) / 1e9);
        System.out.printf("%n== latency, last read → visible in count-service session (N=%,d tags, latency R=%d reads a tag in its body,"
                        + " B=%,d events a body = %,d tags, at most %d bodies unanswered, poll every %d ms, target %,.0f unique/s = %,.0f reads/s)%n",
                n, r, perBody * r, perBody, inFlight, pollEvery.toMillis(), rate, rate * r);
        System.out.printf("offered        %,.0f unique/s (%,.0f reads/s): %,d bodies sent over %.2f s; latest send %,d ms behind its due time%n",
                offered, offered * r, bodies, sendSpan, behind / 1_000_000);
        System.out.printf("accepted       %,.0f unique/s (202 after acks=all): the last 202 %.2f s after the first send; %d answers, %d retried after 503%n",
                accepted, (lastAck.get() - sentAt[0]) / 1e9, answered.get(), retries.get());
        if (offered < 0.95 * rate || accepted < 0.95 * rate) {
            System.out.printf("!!! SHORT OF THE TARGET: offered %.0f %%, accepted %.0f %% of %,.0f unique/s — the goal's rate was NOT held%n",
                    100 * offered / rate, 100 * accepted / rate, rate);
        }
        if (failure.get() != null) {
            System.out.println("!!! a body failed: " + failure.get());
        }
        System.out.printf("visible        %,d of %,d tags, the last %.2f s after the first send (%,.0f tags/s counted)%n", visible, n, allVisible,
                visible / allVisible);
        if (filled > 0) {
            System.out.printf("latency        %s%s%n", percentiles(total, filled),
                    missing > 0 ? "   (" + missing + " tags never visible within 120 s of the last 202)" : "");
            System.out.printf("  send → 202   %s   (scan-ingest: parse, de-duplicate, publish, acks=all)%n", percentiles(toAck, filled));
            System.out.printf("  202 → visible %s   (count-service: consume, apply, read model; + up to %d ms poll)%n",
                    percentiles(ackToVisible, filled), pollEvery.toMillis());
            bySecond(sentAt, ackedAt, timeline, bodies, perBody, n);
        }
        System.out.printf("CPU            %s%n", ProcessCpu.between(cpuBefore, cpuAfter, cpuWall));
    }

    /**
     * The p99 latency of the tags whose body was sent in each second of the stream: the whole-phase p99 hides
     * whether a miss is a start-up transient (the first seconds after a JVM starts, still compiling) or spread
     * through the phase. Also prints from which second on every second met 1 s.
     */
    private static void bySecond(long[] sentAt, long[] ackedAt, long[][] timeline, int bodies, int perBody, int n) {
        int seconds = (int) ((sentAt[bodies - 1] - sentAt[0]) / 1_000_000_000L) + 1;
        List<List<Long>> buckets = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            buckets.add(new ArrayList<>());
        }
        int s = 0;
        for (int k = 0; k < bodies; k++) {
            long threshold = Math.min(n, (long) (k + 1) * perBody);
            while (s < timeline.length && timeline[s][1] < threshold) {
                s++;
            }
            if (s < timeline.length && ackedAt[k] != 0) {
                // every tag of a body has the body's latency, and bodies are equal but for the last: a body stands for its tags
                buckets.get((int) ((sentAt[k] - sentAt[0]) / 1_000_000_000L)).add(Math.max(0, timeline[s][0] - sentAt[k]));
            }
        }
        StringBuilder line = new StringBuilder();
        int metFrom = 0;
        for (int i = 0; i < seconds; i++) {
            List<Long> bucket = buckets.get(i);
            if (bucket.isEmpty()) {
                line.append(" -");
                continue;
            }
            long[] sorted = bucket.stream().mapToLong(Long::longValue).sorted().toArray();
            long p99 = pct(sorted, 0.99);
            line.append(String.format(" %,d", p99));
            if (p99 > 1000) {
                metFrom = i + 1;
            }
        }
        System.out.printf("  p99 by second of the stream (ms):%s%n", line);
        System.out.printf("  %s%n", metFrom == 0 ? "every second's p99 within 1 s"
                : metFrom >= seconds ? "no second's p99 within 1 s from some second to the end"
                : "every second's p99 within 1 s from second " + (metFrom + 1) + " of " + seconds + " on");
    }

    private void send(URI target, byte[] body, int k, long[] ackedAt, Semaphore window, AtomicInteger retries, AtomicInteger answered,
                      AtomicReference<String> failure, CountDownLatch done, AtomicLong lastAck) {
        http.sendAsync(HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    if (error == null && response.statusCode() == 503) {
                        // the broker was slow: send the same body again after Retry-After, as a reader does (resending
                        // sooner republished whole bodies into an already slow broker and count-service's backlog)
                        retries.incrementAndGet();
                        long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(5L);
                        CompletableFuture.delayedExecutor(retryAfter, TimeUnit.SECONDS)
                                .execute(() -> send(target, body, k, ackedAt, window, retries, answered, failure, done, lastAck));
                        return;
                    }
                    long now = System.nanoTime();
                    if (error != null || response.statusCode() != 202) {
                        failure.compareAndSet(null, "body " + k + ": " + (error != null ? error : response.statusCode() + " " + response.body()));
                    } else {
                        ackedAt[k] = now;
                        lastAck.accumulateAndGet(now, Math::max);
                    }
                    answered.incrementAndGet();
                    window.release();
                    done.countDown();
                });
    }

    private static String percentiles(long[] values, int filled) {
        long[] sorted = Arrays.copyOf(values, filled);
        Arrays.sort(sorted);
        return String.format("p50 %,6d ms   p99 %,6d ms   max %,6d ms", pct(sorted, 0.50), pct(sorted, 0.99), sorted[filled - 1] / 1_000_000);
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
