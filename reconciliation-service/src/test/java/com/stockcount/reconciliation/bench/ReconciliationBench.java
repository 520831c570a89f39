package com.stockcount.reconciliation.bench;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Run by hand against a running stack (the launcher: inventory and reconciliation as processes on a
 * real broker and database): publishes an N-line completed session to {@code count.session.v1}, as
 * count-service would, and measures until reconciliation reports every adjustment APPLIED by
 * inventory. Baseline, same run: N raw messages of the same size produced and consumed through the
 * same broker. Also prints the largest message on the request topic for the bench's site.
 *
 * <pre>
 * KAFKA=localhost:19092 INVENTORY=http://localhost:30001 RECONCILIATION=http://localhost:30004 LINES=100000 \
 *   java -cp … com.stockcount.reconciliation.bench.ReconciliationBench
 * </pre>
 */
public final class ReconciliationBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ReconciliationBench() {
    }

    public static void main(String[] args) throws Exception {
        String kafka = System.getenv().getOrDefault("KAFKA", "localhost:19092");
        String inventory = System.getenv().getOrDefault("INVENTORY", "http://localhost:8081");
        String reconciliation = System.getenv().getOrDefault("RECONCILIATION", "http://localhost:8084");
        int lines = Integer.parseInt(System.getenv().getOrDefault("LINES", "100000"));
        int bins = 1_000;
        int products = Math.max(1, lines / bins);
        String site = "BENCH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

        // master data: bins × products quants (a COUNT request creates a quant that does not exist yet)
        post(inventory + "/sites", "{\"code\":\"" + site + "\",\"name\":\"Bench\"}");
        for (int b = 0; b < bins; b++) {
            post(inventory + "/sites/" + site + "/bins", "{\"code\":\"B%04d\",\"area\":\"Floor\"}".formatted(b));
        }
        for (int p = 0; p < products; p++) {
            post(inventory + "/products", ("{\"sku\":\"%s-P%03d\",\"name\":\"p\",\"parent\":null,\"gtins\":[],"
                    + "\"tracking\":\"BULK\",\"unitCost\":1.5}").formatted(site, p));
        }
        long maxMessage = 0;
        String session = "bench-" + site;
        Instant countedAt = Instant.now();
        List<CountedLine> all = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            all.add(new CountedLine("L%06d".formatted(i), null, "%s-P%03d".formatted(site, i / bins),
                    "B%04d".formatted(i % bins), null, "BULK", 0, 1 + i % 7, countedAt, new BigDecimal("1.50")));
        }
        int parts = (lines + SessionResultPart.MAX_LINES - 1) / SessionResultPart.MAX_LINES;
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (int p = 0; p < parts; p++) {
                SessionResultPart part = new SessionResultPart(session, "count-" + site, 1, p, parts,
                        all.subList(p * SessionResultPart.MAX_LINES, Math.min(lines, (p + 1) * SessionResultPart.MAX_LINES)));
                ProducerRecord<String, byte[]> r = EventRecords.event(Topics.COUNT_SESSION, session, part.eventId(),
                        SessionResultPart.TYPE, 1, countedAt, null, part);
                maxMessage = Math.max(maxMessage, r.value().length);
                producer.send(r);
            }
            SessionCompleted completed = new SessionCompleted(session, "count-" + site, site, "Bench", "HARD", 1,
                    Instant.now(), "bench", lines, parts, 0, 0);
            producer.send(EventRecords.event(Topics.COUNT_SESSION, session, completed.eventId(), SessionCompleted.TYPE,
                    1, Instant.now(), null, completed)).get(30, TimeUnit.SECONDS);
        }
        long requestedAt = 0;
        while (true) {
            HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(
                    URI.create(reconciliation + "/sessions/" + session + "/reconciliation")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (report.statusCode() == 200) {
                Map<?, ?> summary = (Map<?, ?>) Json.read(report.body().getBytes(), Map.class).get("summary");
                long requested = ((Number) summary.get("adjustmentsRequested")).longValue();
                long applied = ((Number) summary.get("adjustmentsApplied")).longValue();
                if (requestedAt == 0 && requested == lines) {
                    requestedAt = System.nanoTime();
                }
                if (applied == lines) {
                    break;
                }
            }
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(10)) {
                throw new IllegalStateException("not reconciled in 10 minutes");
            }
            Thread.sleep(250);
        }
        long reconciled = System.nanoTime() - started;

        long baseline = baseline(kafka, lines, 300);
        System.out.printf("%,d-line session: requests written after %,d ms, every adjustment applied after %,d ms;"
                        + " largest session message %,d bytes%n", lines,
                TimeUnit.NANOSECONDS.toMillis(requestedAt - started), TimeUnit.NANOSECONDS.toMillis(reconciled),
                maxMessage);
        System.out.printf("baseline: %,d raw 300-byte messages produced and consumed in %,d ms; ratio %.1f%n", lines,
                TimeUnit.NANOSECONDS.toMillis(baseline), (double) reconciled / baseline);
    }

    /** Produce and consume {@code n} messages of {@code size} bytes on a fresh topic: the broker's own floor. */
    private static long baseline(String kafka, int n, int size) throws Exception {
        String topic = "bench-baseline-" + UUID.randomUUID();
        byte[] value = new byte[size];
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), value));
            }
            producer.flush();
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int seen = 0;
            while (seen < n) {
                for (ConsumerRecord<String, byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                }
            }
        }
        return System.nanoTime() - started;
    }

    private static KafkaProducer<String, byte[]> producer(String kafka) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka, "linger.ms", 5, "max.request.size", 1_048_576),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void post(String url, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
        }
    }
}
