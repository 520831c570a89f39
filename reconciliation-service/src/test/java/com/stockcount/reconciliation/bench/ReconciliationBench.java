package com.stockcount.reconciliation.bench;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Run by hand against a running stack (the launcher: inventory and reconciliation as processes on a
 * real broker and database): publishes a completed session to {@code count.session.v1}, as
 * count-service would, and measures until reconciliation holds every adjustment APPLIED by
 * inventory (its table, every 0.1 s until the requests are relayed, then every 0.5 s; then its report once to confirm) and inventory's own tables hold the counted result (quantities, and for RFID every unit
 * linked). Baseline, same run: as many raw 300-byte messages produced and consumed through the same
 * broker as the run had lines or EPCs. Also prints the largest message the run put on each topic and
 * the most heap inventory and reconciliation used meanwhile, and reconciliation's own phase split: the first result
 * part stored, the completion committed (every request written), every request relayed (its outbox empty).
 *
 * <pre>
 * KAFKA=localhost:19092 INVENTORY=http://localhost:30001 RECONCILIATION=http://localhost:30004 \
 *   INVENTORY_JDBC=jdbc:postgresql://localhost:15432/inventory LINES=100000 \
 *   java -cp … com.stockcount.reconciliation.bench.ReconciliationBench
 * </pre>
 * With {@code EPCS=200000} instead of {@code LINES}: an RFID session of 1,000 bins, one RFID product
 * each, {@code EPCS / 1,000} EPCs read per bin, none known to inventory beforehand.
 */
public final class ReconciliationBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> TOPICS = List.of(Topics.COUNT_SESSION, Topics.INVENTORY_ADJUSTMENT_REQUEST,
            Topics.INVENTORY_LEDGER);

    private ReconciliationBench() {
    }

    public static void main(String[] args) throws Exception {
        String kafka = System.getenv().getOrDefault("KAFKA", "localhost:19092");
        String inventory = System.getenv().getOrDefault("INVENTORY", "http://localhost:8081");
        String reconciliation = System.getenv().getOrDefault("RECONCILIATION", "http://localhost:8084");
        String inventoryJdbc = System.getenv().getOrDefault("INVENTORY_JDBC", "jdbc:postgresql://localhost:15432/inventory");
        String reconciliationJdbc = System.getenv().getOrDefault("RECONCILIATION_JDBC",
                inventoryJdbc.replaceAll("/inventory$", "/reconciliation"));
        int epcs = Integer.parseInt(System.getenv().getOrDefault("EPCS", "0"));
        boolean rfid = epcs > 0;
        int bins = 1_000;
        int lines = rfid ? bins : Integer.parseInt(System.getenv().getOrDefault("LINES", "100000"));
        int products = rfid ? bins : Math.max(1, lines / bins);
        int epcsPerLine = rfid ? epcs / bins : 0;
        String site = "BENCH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

        // master data: bins × products quants (a COUNT request creates a quant that does not exist yet)
        post(inventory + "/sites", "{\"code\":\"" + site + "\",\"name\":\"Bench\"}");
        for (int b = 0; b < bins; b++) {
            post(inventory + "/sites/" + site + "/bins", "{\"code\":\"B%04d\",\"area\":\"Floor\"}".formatted(b));
        }
        for (int p = 0; p < products; p++) {
            post(inventory + "/products", ("{\"sku\":\"%s-P%04d\",\"name\":\"p\",\"parent\":null,\"gtins\":[],"
                    + "\"tracking\":\"%s\",\"unitCost\":1.5}").formatted(site, p, rfid ? "RFID" : "BULK"));
        }
        String session = "bench-" + site;
        Instant countedAt = Instant.now();
        List<CountedLine> all = new ArrayList<>(lines);
        List<LineSerial> serials = new ArrayList<>(epcs);
        long expectedTotal = 0;
        for (int i = 0; i < lines; i++) {
            String lineId = "L%06d".formatted(i);
            long counted = rfid ? epcsPerLine : 1 + i % 7;
            expectedTotal += counted;
            all.add(new CountedLine(lineId, null, "%s-P%04d".formatted(site, rfid ? i : i / bins),
                    "B%04d".formatted(i % bins), null, rfid ? "RFID" : "BULK", 0, counted, countedAt,
                    new BigDecimal("1.50")));
            for (int e = 0; e < epcsPerLine; e++) {
                String epc = "%08X%06X%010X".formatted(site.hashCode(), i, e);
                serials.add(new LineSerial(lineId, epc, epc, false, countedAt));
            }
        }
        int parts = (lines + SessionResultPart.MAX_LINES - 1) / SessionResultPart.MAX_LINES;
        int serialParts = (serials.size() + SessionSerialsPart.MAX_SERIALS - 1) / SessionSerialsPart.MAX_SERIALS;
        // the records are encoded before the clock starts: in production count-service writes them, and the bench's
        // own JSON encoding (a cold JVM, 20-30 MB) is not part of reconciling
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            SessionResultPart part = new SessionResultPart(session, "count-" + site, 1, p, parts,
                    all.subList(p * SessionResultPart.MAX_LINES, Math.min(lines, (p + 1) * SessionResultPart.MAX_LINES)));
            records.add(EventRecords.event(Topics.COUNT_SESSION, session, part.eventId(), SessionResultPart.TYPE, 1,
                    countedAt, null, part));
        }
        for (int p = 0; p < serialParts; p++) {
            SessionSerialsPart part = new SessionSerialsPart(session, "count-" + site, 1, p, serialParts,
                    serials.subList(p * SessionSerialsPart.MAX_SERIALS,
                            Math.min(serials.size(), (p + 1) * SessionSerialsPart.MAX_SERIALS)));
            records.add(EventRecords.event(Topics.COUNT_SESSION, session, part.eventId(), SessionSerialsPart.TYPE, 1,
                    countedAt, null, part));
        }
        SessionCompleted completed = new SessionCompleted(session, "count-" + site, site, "Bench", "HARD", 1,
                Instant.now(), "bench", lines, parts, serialParts, serials.size());
        records.add(EventRecords.event(Topics.COUNT_SESSION, session, completed.eventId(), SessionCompleted.TYPE, 1,
                Instant.now(), null, completed));
        Map<TopicPartition, Long> before = endOffsets(kafka);
        Heap heap = new Heap(List.of(inventory, reconciliation));
        long started;
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            // connected and warm before the clock starts, as count-service's producer is
            producer.partitionsFor(Topics.COUNT_SESSION);
            started = System.nanoTime();
            Future<RecordMetadata> last = null;
            for (ProducerRecord<String, byte[]> record : records) {
                last = producer.send(record);
            }
            last.get(30, TimeUnit.SECONDS);
        }
        long firstPartAt = 0;
        long requestedAt = 0;
        long relayedAt = 0;
        long appliedAt = 0;
        // progress is read from the databases with cheap queries; the report (a summary over every line, about a
        // second of PostgreSQL under load) is asked once, to confirm: polling it twice a second took a large share
        // of the 2 cores from the run it measured
        try (Connection db = DriverManager.getConnection(inventoryJdbc, "postgres", "postgres");
             Connection rdb = DriverManager.getConnection(reconciliationJdbc, "postgres", "postgres")) {
            while (true) {
                heap.sample();
                // the last parts commit with the completion (one poll's records, one transaction), so only the first
                // stored part says when reconciliation began; what follows is split by pg_stat_activity (docs)
                if (firstPartAt == 0 && storedParts(rdb, session) > 0) {
                    firstPartAt = System.nanoTime();
                }
                if (firstPartAt != 0 && requestedAt == 0 && written(rdb, "count-" + site) == lines) {
                    requestedAt = System.nanoTime();
                }
                // the completion's outbox rows are the only ones in reconciliation's outbox during the run
                if (requestedAt != 0 && relayedAt == 0 && outboxEmpty(rdb)) {
                    relayedAt = System.nanoTime();
                }
                if (requestedAt != 0 && appliedAt == 0) {
                    if (!anyNotApplied(rdb, "count-" + site)) {
                        appliedAt = System.nanoTime();
                        HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(
                                URI.create(reconciliation + "/sessions/" + session + "/reconciliation")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        Map<?, ?> summary = (Map<?, ?>) Json.read(report.body().getBytes(), Map.class).get("summary");
                        if (((Number) summary.get("adjustmentsApplied")).longValue() != lines) {
                            throw new IllegalStateException("the report disagrees: " + summary);
                        }
                    }
                }
                if (appliedAt != 0 && inventoryHolds(db, site, expectedTotal, rfid ? epcs : 0)) {
                    break;
                }
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(15)) {
                    throw new IllegalStateException("not reconciled in 15 minutes");
                }
                // finer steps while reconciliation's own phase runs (the queries are cheap), then every 0.5 s
                Thread.sleep(relayedAt == 0 ? 100 : 500);
            }
        }
        long reconciled = System.nanoTime() - started;
        Map<String, Integer> largest = largestMessages(kafka, before);

        System.out.printf("%s session (%,d lines, %,d EPCs): every request written after %,d ms, every outcome back"
                        + " in reconciliation after %,d ms, inventory holding the counted result after %,d ms%n",
                rfid ? "RFID" : "BULK", lines, serials.size(), TimeUnit.NANOSECONDS.toMillis(requestedAt - started),
                TimeUnit.NANOSECONDS.toMillis(appliedAt - started), TimeUnit.NANOSECONDS.toMillis(reconciled));
        System.out.printf("reconciliation phase: first part stored after %,d ms, every request written (completion"
                        + " committed) %,d ms later, every request relayed to Kafka %,d ms later%n",
                TimeUnit.NANOSECONDS.toMillis(firstPartAt - started), TimeUnit.NANOSECONDS.toMillis(requestedAt
                        - firstPartAt), TimeUnit.NANOSECONDS.toMillis(relayedAt - requestedAt));
        System.out.printf("largest message of the run per topic (bytes): %s%n", largest);
        System.out.printf("most heap used (MB): %s%n", heap.max());
        long baseline = baseline(kafka, rfid ? epcs : lines, 300);
        System.out.printf("baseline: %,d raw 300-byte messages produced and consumed in %,d ms; ratio %.1f%n",
                rfid ? epcs : lines, TimeUnit.NANOSECONDS.toMillis(baseline), (double) reconciled / baseline);
    }

    /** How many result parts of the session reconciliation stored (committed). */
    private static long storedParts(Connection db, String sessionId) throws SQLException {
        return count(db, "select count(*) from session_part where session_id = ?", sessionId);
    }

    /** The one number {@code sql} selects for {@code parameter}. */
    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the relay published and deleted every outbox row of reconciliation. */
    private static boolean outboxEmpty(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select not exists (select 1 from outbox)");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** How many requests reconciliation wrote for the count. */
    private static long written(Connection db, String countId) throws SQLException {
        return count(db, "select count(*) from count_adjustment where count_id = ?", countId);
    }

    /**
     * Whether a request of the count still waits for its outcome. Status is in no index (its update is HOT), so this
     * reads rows: it stops at the first one not applied, and reads them all only once nearly all are applied.
     */
    private static boolean anyNotApplied(Connection db, String countId) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select exists (select 1 from count_adjustment"
                + " where count_id = ? and status <> 'APPLIED')")) {
            select.setString(1, countId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Inventory's tables, read directly: the site's quants add up to what was counted, and every EPC is linked. */
    private static boolean inventoryHolds(Connection db, String site, long total, int units) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select coalesce(sum(quantity), 0),"
                + " (select count(*) from serialized_unit u join quant q on q.id = u.quant_id where q.site_code = ?)"
                + " from quant where site_code = ?")) {
            select.setString(1, site);
            select.setString(2, site);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1) == total && rs.getLong(2) == units;
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String kafka) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return consumer.endOffsets(partitions);
        }
    }

    /** The largest record value each topic received since {@code from}. */
    private static Map<String, Integer> largestMessages(String kafka, Map<TopicPartition, Long> from) {
        Map<String, Integer> largest = new TreeMap<>();
        Map<TopicPartition, Long> to = endOffsets(kafka);
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> remaining = new HashMap<>(to);
            remaining.entrySet().removeIf(e -> e.getValue() <= from.get(e.getKey()));
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    largest.merge(r.topic(), r.value() == null ? 0 : r.value().length, Math::max);
                    if (remaining.containsKey(tp) && r.offset() + 1 >= remaining.get(tp)) {
                        remaining.remove(tp);
                    }
                }
            }
        }
        return largest;
    }

    /** The most heap each service reported on /q/metrics while sampled. */
    private static final class Heap {

        private final List<String> services;
        private final Map<String, Long> max = new TreeMap<>();

        Heap(List<String> services) {
            this.services = services;
        }

        void sample() throws Exception {
            for (String service : services) {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(service + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                long used = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes") && l.contains("area=\"heap\""))
                        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                max.merge(service, used, Math::max);
            }
        }

        Map<String, Long> max() {
            Map<String, Long> mb = new TreeMap<>();
            max.forEach((service, bytes) -> mb.put(service, bytes / (1024 * 1024)));
            return mb;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String kafka) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", kafka, "max.partition.fetch.bytes", 2_097_152),
                new StringDeserializer(), new ByteArrayDeserializer());
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
        try (KafkaConsumer<String, byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (seen < n) {
                if (System.nanoTime() > deadline) {
                    // once seen in a run: the run's own figures are printed before, so only the ratio is lost
                    throw new IllegalStateException("baseline: only " + seen + " of " + n + " messages in 2 minutes");
                }
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
