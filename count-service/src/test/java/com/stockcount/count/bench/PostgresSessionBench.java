package com.stockcount.count.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.counts.domain.CreateCount;
import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.testsupport.EmbeddedKafka;
import com.stockcount.testsupport.EmbeddedPostgresServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * CountLine commands per second on a 1-line session and on a 100,000-line session, in the same run,
 * on the production configuration: the count-service application itself (its {@code AxonConfiguration}:
 * JDBC event store, session cache, snapshot every 250 events, read model in the command's JTA
 * transaction, streaming publisher polling the store) booted with its {@code prod} profile against a
 * real PostgreSQL, its schema made by the service's own Flyway migrations, and a real Kafka broker.
 * Also measured: creating the 100,000-line session, the first command after the session is evicted
 * from the cache (loaded from the latest snapshot plus its tail, and once with the snapshots deleted), the
 * floor of one transaction per command (plain JDBC single-row UPDATEs, each its own transaction, on the
 * same server), and EPC reads applied per second through the service's Kafka consumer at the start and at
 * the end of a 200,000-EPC session.
 *
 * <p>Not a test: {@link #main} boots the application through Quarkus's test harness (the supported way
 * to start it in-process from its classes) by running {@link #measure()} on the JUnit platform. The
 * class name keeps it out of surefire. Run by hand from the module's directory (see docs/benchmarks.md):
 * {@code java -cp ... com.stockcount.count.bench.PostgresSessionBench [lines] [commands] [epcs] [steps|backlog]}
 * (defaults 100000 5000 200000 steps; 0 commands or 0 EPCs skips that part; {@code backlog} sends all the EPCs at
 * once and times the drain instead of the steps). The system property
 * {@code bench.fsync=off} starts PostgreSQL without durability (as the tests do) instead of durable; any
 * service setting can be given as a system property too, e.g. {@code -Dstockcount.axon.snapshot-threshold=1000}.
 * {@code -Dbench.pg-statements=true} (durable server only) loads pg_stat_statements and prints, after the backlog's
 * drain, the server's statements by execution time, the WAL written and the CPU of each kind of server process.
 */
@QuarkusTest
@TestProfile(PostgresSessionBench.Production.class)
@WithTestResource(PostgresSessionBench.Infrastructure.class)
public class PostgresSessionBench {

    private static final String LINES = "bench.lines";
    private static final String COMMANDS = "bench.commands";
    private static final int ROUNDS = 5;
    private static final int COLD_LOADS = 5;
    private static final String EPCS = "bench.epcs";
    private static final String EPC_MODE = "bench.epc-mode";
    private static final int EPC_STEP = 10_000;
    /** Statement statistics of the EPC part (pg_stat_statements, WAL bytes): {@code -Dbench.pg-statements=true}. */
    private static final String PG_STATEMENTS = "bench.pg-statements";

    @Inject
    AxonConfiguration axon;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "stockcount.axon.snapshot-threshold")
    int snapshotThreshold;

    private CommandGateway gateway;
    private int sent;

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        // a run spends more than the harness's default 10 minutes in its one test method: no hang report
        System.setProperty("quarkus.test.hang-detection-timeout", "PT3H");
        System.setProperty(LINES, args.length > 0 ? args[0] : "100000");
        System.setProperty(COMMANDS, args.length > 1 ? args[1] : "5000");
        System.setProperty(EPCS, args.length > 2 ? args[2] : "200000");
        System.setProperty(EPC_MODE, args.length > 3 ? args[3] : "steps");
        // Quarkus's launcher interceptor loads the class again in the application's class loader: select it by name
        System.setProperty("junit.platform.launcher.interceptors.enabled", "true");
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request()
                        .selectors(selectClass(PostgresSessionBench.class.getName()))
                        .filters(EngineFilter.includeEngines("junit-jupiter")).build(),
                summary);
        summary.getSummary().printFailuresTo(new PrintWriter(System.err, true), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 && summary.getSummary().getTestsSucceededCount() == 1
                ? 0 : 1);
    }

    @Test
    void measure() throws SQLException {
        int lines = Integer.getInteger(LINES);
        int commands = Integer.getInteger(COMMANDS);
        int perRound = commands / ROUNDS;
        gateway = axon.commandGateway();
        if (commands > 0) {
            countLines(lines, perRound);
        }
        if (Integer.getInteger(EPCS) > 0 && "backlog".equals(System.getProperty(EPC_MODE))) {
            backlog(Integer.getInteger(EPCS));
        } else if (Integer.getInteger(EPCS) > 0) {
            epcs(Integer.getInteger(EPCS), EPC_STEP);
        }
    }

    /** CountLine on the 1-line and the large session in interleaved rounds, cold loads, and the raw baseline. */
    private void countLines(int lines, int perRound) throws SQLException {

        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        create("empty", 1, "BULK");
        long createMs = create("large", lines, "BULK");
        long events = scalar("select count(*) from domain_event_entry where aggregate_identifier = 'large'");

        try (Connection raw = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD)) {
            prepareRaw(raw, lines);
            // warm-up: JIT, connection pools, and the large session past its first snapshots
            updates(raw, lines, perRound);
            repeat(perRound, i -> countLine("empty", 1));
            repeat(perRound, i -> countLine("large", lines));

            double[] rawRates = new double[ROUNDS];
            double[] emptyRates = new double[ROUNDS];
            double[] largeRates = new double[ROUNDS];
            long[] emptyLatencies = new long[ROUNDS * perRound];
            long[] largeLatencies = new long[ROUNDS * perRound];
            // interleaved rounds: on a shared machine, load changes over a run; each round sees the same load for all three
            for (int r = 0; r < ROUNDS; r++) {
                int offset = r * perRound;
                rawRates[r] = updates(raw, lines, perRound);
                emptyRates[r] = repeat(perRound, i -> timed(emptyLatencies, offset + i, () -> countLine("empty", 1)));
                largeRates[r] = repeat(perRound, i -> timed(largeLatencies, offset + i, () -> countLine("large", lines)));
                System.out.printf("round %d: raw %,.0f/s, 1-line %,.0f/s, %,d-line %,.0f/s%n", r + 1, rawRates[r],
                        emptyRates[r], lines, largeRates[r]);
            }
            try (Statement drop = raw.createStatement()) {
                drop.execute("drop table bench_line");
            }

            double[] coldMs = new double[COLD_LOADS];
            long[] tails = new long[COLD_LOADS];
            for (int k = 0; k < COLD_LOADS; k++) {
                // spread the evictions over the snapshot cycle, so the tails differ
                repeat(snapshotThreshold / COLD_LOADS + 1, i -> countLine("large", lines));
                tails[k] = tail("large");
                axon.evictSession("large");
                coldMs[k] = millis(() -> countLine("large", lines));
            }
            long history = scalar("select count(*) from domain_event_entry where aggregate_identifier = 'large'");
            long historyBytes = scalar("select sum(length(payload)) from domain_event_entry where aggregate_identifier = 'large'");
            long snapshotBytes = scalar("select max(length(payload)) from snapshot_event_entry where aggregate_identifier = 'large'");
            // what the snapshots save: without one, the next load replays the whole history
            execute("delete from snapshot_event_entry where aggregate_identifier = 'large'");
            axon.evictSession("large");
            double replayMs = millis(() -> countLine("large", lines));
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Arrays.sort(emptyLatencies);
            Arrays.sort(largeLatencies);

            double rawRate = median(rawRates);
            double emptyRate = median(emptyRates);
            double largeRate = median(largeRates);
            System.out.printf("%n=== count-service on PostgreSQL (%s), %,d-line session, snapshot every %d events, medians of %d rounds of %,d ===%n",
                    System.getProperty("bench.fsync", "on").equals("off") ? "fsync off" : "durable", lines,
                    snapshotThreshold, ROUNDS, perRound);
            System.out.printf("raw JDBC single-row UPDATE, autocommit     %,10.0f tx/s%n", rawRate);
            System.out.printf("CountLine, 1-line session                   %,10.0f commands/s (%.3f of raw)%n",
                    emptyRate, emptyRate / rawRate);
            System.out.printf("CountLine, %,d-line session            %,10.0f commands/s (%.3f of raw, %.2f of 1-line)%n",
                    lines, largeRate, largeRate / rawRate, largeRate / emptyRate);
            System.out.printf("  latency, 1-line session: %s%n", latencies(emptyLatencies));
            System.out.printf("  latency, %,d-line session: %s%n", lines, latencies(largeLatencies));
            System.out.printf("create the %,d-line session (%d events)   %,10d ms%n", lines, events, createMs);
            System.out.printf("first command after eviction, from snapshot: median %,.0f ms (%s ms; tails %s events)%n",
                    median(coldMs), Arrays.toString(Arrays.stream(coldMs).mapToLong(Math::round).toArray()), Arrays.toString(tails));
            System.out.printf("  history %,d events (%,d KB of payload); latest snapshot %,d KB%n",
                    history, historyBytes / 1024, snapshotBytes / 1024);
            System.out.printf("first command after eviction with the snapshots deleted (replays %,d events) %,10.0f ms%n",
                    history, replayMs);
            System.out.printf("load average (1 min) %.1f at start, %.1f at end%n", loadBefore, loadAfter);
        }
    }

    /**
     * EPC observations applied per second by the service's Kafka consumer (batched, one transaction per poll, one
     * command per session) into one session of 1,000 RFID lines, from empty to {@code total} distinct EPCs: each step
     * publishes {@code step} observations in batches of 1,000 and waits until the session view counts them.
     */
    private void epcs(int total, int step) throws SQLException {
        int steps = total / step;
        double[] rates = new double[steps];
        double[] raw = new double[2];
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("count-bench-portal", Map.of())) {
            // warm-up on another session: the consumer's group join and the JIT are not part of the first step
            create("epcs-warm-up", 1_000, "RFID");
            publishAndWait(producer, "epcs-warm-up", 0, step);
            raw[0] = rawScanRows(step, 5);
            create("epcs", 1_000, "RFID");
            for (int s = 0; s < steps; s++) {
                rates[s] = step / publishAndWait(producer, "epcs", s * step, step);
            }
            raw[1] = rawScanRows(step, 5);
        }
        // a quarter of the steps at each end, medians: single steps vary with the machine's load
        int quarter = Math.max(1, steps / 4);
        double first = median(Arrays.copyOfRange(rates, 0, quarter));
        double last = median(Arrays.copyOfRange(rates, steps - quarter, steps));
        System.out.printf("%nEPC observations applied through the consumer, steps of %,d: %s /s%n", step,
                Arrays.toString(Arrays.stream(rates).mapToLong(Math::round).toArray()));
        System.out.printf("EPCs applied, first %,d of the session (median of %d steps)  %,10.0f /s%n", quarter * step,
                quarter, first);
        System.out.printf("EPCs applied, last %,d of a %,d-EPC session (median of %d steps) %,10.0f /s (%.2f of the start)%n",
                quarter * step, total, quarter, last, last / first);
        double whole = total / Arrays.stream(rates).map(r -> step / r).sum();
        double rawRate = median(raw);
        System.out.printf("EPCs applied, whole %,d-EPC session                      %,10.0f /s%n", total, whole);
        System.out.printf("raw floor: session_scan rows inserted by plain JDBC, %,d a transaction (before, after the session) %,.0f, %,.0f rows/s;"
                + " EPCs applied / raw: start %.2f, end %.2f, whole %.2f%n", step, raw[0], raw[1], first / rawRate, last / rawRate,
                whole / rawRate);
        System.out.printf("load average (1 min) %.1f at the end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("  %,d events in the session's history; latest snapshot %,d KB%n",
                scalar("select count(*) from domain_event_entry where aggregate_identifier = 'epcs'"),
                scalar("select coalesce(max(length(payload)), 0) from snapshot_event_entry where aggregate_identifier = 'epcs'") / 1024);
    }

    /**
     * A backlog drained: {@code total} EPC reads of one session (batches of 1,000, as a portal's bodies arrive) are
     * built first, then sent as fast as the producer takes them (about a second), and the time from the first send
     * to the session view counting them all is the drain. The session view's scan total is sampled every 2 ms
     * meanwhile: each change is one committed unit of work of the consumer (a poll of the session's partition), which
     * gives how many EPCs a unit of work applied. Raw floor before and after, as in {@link #epcs}.
     */
    private void backlog(int total) throws SQLException {
        double[] raw = new double[2];
        Cpu used;
        Cpu before;
        List<Long> units = new ArrayList<>();
        double seconds;
        double sendSeconds;
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer("count-bench-portal", Map.of())) {
            create("epcs-warm-up", 1_000, "RFID");
            publishAndWait(producer, "epcs-warm-up", 0, EPC_STEP);
            raw[0] = rawScanRows(EPC_STEP, 5);
            create("epcs", 1_000, "RFID");
            List<ProducerRecord<String, byte[]>> bodies = new ArrayList<>();
            for (int b = 0; b < total; b += ScanObservationBatch.MAX_OBSERVATIONS) {
                bodies.add(body("epcs", b));
            }
            String walBefore = Boolean.getBoolean(PG_STATEMENTS) ? resetStatementStatistics() : null;
            Map<String, Double> serverBefore = postgresCpuByProcess();
            before = cpu();
            long start = System.nanoTime();
            bodies.forEach(producer::send);
            producer.flush();
            sendSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = start + 600_000_000_000L;
            long last = 0;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement scans = c.prepareStatement("select scans from session_view where id = 'epcs'")) {
                while (last < total) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("backlog not applied within 10 minutes");
                    }
                    long now;
                    try (ResultSet rs = scans.executeQuery()) {
                        rs.next();
                        now = rs.getLong(1);
                    }
                    if (now != last) {
                        units.add(now - last);
                        last = now;
                    }
                    LockSupport.parkNanos(2_000_000);
                }
            }
            seconds = (System.nanoTime() - start) / 1e9;
            used = cpu().minus(before);
            if (walBefore != null) {
                Map<String, Double> serverAfter = postgresCpuByProcess();
                serverAfter.forEach((kind, coreSeconds) -> System.out.printf("  PostgreSQL %s: %.2f core-s%n", kind,
                        coreSeconds - serverBefore.getOrDefault(kind, 0.0)));
                printStatementStatistics(walBefore, total);
            }
            raw[1] = rawScanRows(EPC_STEP, 5);
        }
        double rate = total / seconds;
        double rawRate = median(raw);
        long[] sizes = units.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%nbacklog of %,d EPC reads (%,d bodies of %,d) sent in %.1f s, all applied %.1f s after the first send%n",
                total, total / ScanObservationBatch.MAX_OBSERVATIONS, ScanObservationBatch.MAX_OBSERVATIONS, sendSeconds,
                seconds);
        System.out.printf("EPCs applied, backlog of %,d                              %,10.0f /s%n", total, rate);
        System.out.printf("PostgreSQL fsync %s, synchronous_commit %s, full_page_writes %s%n", setting("fsync"),
                setting("synchronous_commit"), setting("full_page_writes"));
        System.out.printf("units of work seen: %d, EPCs each: median %,d, max %,d%n", sizes.length,
                sizes[sizes.length / 2], sizes[sizes.length - 1]);
        System.out.printf("raw floor: session_scan rows inserted by plain JDBC, %,d a transaction (before, after the drain) %,.0f, %,.0f rows/s;"
                + " EPCs applied / raw: %.2f%n", EPC_STEP, raw[0], raw[1], rate / rawRate);
        System.out.printf("CPU from the first send until all were applied (core-s; per 1,000 EPCs): bench JVM %.2f (%.3f),"
                + " of which count-service's consumer %.2f and snapshotter %.2f threads; PostgreSQL %.2f (%.3f)%n",
                used.jvm(), used.jvm() * 1000 / total, used.consumer(), used.snapshotter(), used.postgres(),
                used.postgres() * 1000 / total);
        System.out.printf("load average (1 min) %.1f at the end%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("  %,d events in the session's history (%,d KB of payload); latest snapshot %,d KB%n",
                scalar("select count(*) from domain_event_entry where aggregate_identifier = 'epcs'"),
                scalar("select sum(length(payload)) from domain_event_entry where aggregate_identifier = 'epcs'") / 1024,
                scalar("select coalesce(max(length(payload)), 0) from snapshot_event_entry where aggregate_identifier = 'epcs'") / 1024);
        awaitSnapshot("epcs");
        Cpu withSnapshot = cpu().minus(before);
        System.out.printf("CPU from the first send until the session's snapshot was written too (core-s; per 1,000 EPCs):"
                + " bench JVM %.2f (%.3f), snapshotter thread %.2f; PostgreSQL %.2f (%.3f); snapshot %,d KB%n",
                withSnapshot.jvm(), withSnapshot.jvm() * 1000 / total, withSnapshot.snapshotter(), withSnapshot.postgres(),
                withSnapshot.postgres() * 1000 / total, scalar("select coalesce(max(length(payload)), 0) from"
                        + " snapshot_event_entry where aggregate_identifier = 'epcs'") / 1024);
        coldLoads("epcs", 1_000);
    }

    /** Clears pg_stat_statements and the server's WAL and table counters; the WAL position now. */
    private String resetStatementStatistics() throws SQLException {
        execute("select pg_stat_statements_reset()");
        execute("select pg_stat_reset_shared('wal')");
        execute("select pg_stat_reset()");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Where the server spent its time during the drain: statements grouped by their first 60 characters (a JDBC batch
     * rewritten as multi-row inserts gives one text per row count), with execution time, calls, rows and WAL; the WAL
     * written in all and per EPC; autovacuum and autoanalyze runs on the tables.
     */
    private void printStatementStatistics(String walBefore, int total) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + walBefore + "'::pg_lsn),"
                    + " (select wal_records from pg_stat_wal), (select wal_fpi from pg_stat_wal),"
                    + " (select wal_sync from pg_stat_wal), (select wal_write from pg_stat_wal)")) {
                rs.next();
                System.out.printf("%nWAL during the drain: %,d bytes (%,.0f bytes an EPC), %,d records, %,d full-page images,"
                        + " %,d writes, %,d syncs%n", rs.getLong(1), rs.getLong(1) / (double) total, rs.getLong(2),
                        rs.getLong(3), rs.getLong(5), rs.getLong(4));
            }
            System.out.printf("%-62s %10s %8s %10s %9s %12s%n", "statement (first 60 characters)", "exec ms", "calls",
                    "rows", "mean ms", "WAL bytes");
            try (ResultSet rs = s.executeQuery("select left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as q,"
                    + " sum(total_exec_time), sum(calls), sum(rows), sum(wal_bytes) from pg_stat_statements"
                    + " group by q order by 2 desc limit 20")) {
                while (rs.next()) {
                    System.out.printf("%-62s %,10.0f %,8d %,10d %9.3f %,12d%n", rs.getString(1), rs.getDouble(2),
                            rs.getLong(3), rs.getLong(4), rs.getDouble(2) / Math.max(1, rs.getLong(3)), rs.getLong(5));
                }
            }
            try (ResultSet rs = s.executeQuery("select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, autovacuum_count,"
                    + " autoanalyze_count from pg_stat_user_tables where n_tup_ins + n_tup_upd > 0 order by n_tup_ins desc")) {
                while (rs.next()) {
                    System.out.printf("  table %s: %,d inserted, %,d updated (%,d HOT), autovacuum %d, autoanalyze %d%n",
                            rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                }
            }
        }
    }

    /** Until the session's latest snapshot covers all but a threshold of its events (at most 2 minutes). */
    private void awaitSnapshot(String session) throws SQLException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (tail(session) > snapshotThreshold && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000_000);
        }
    }

    /**
     * The first command after the session is evicted from the cache: once loaded from its latest snapshot (waited for:
     * a snapshot may be taken a while after the last command) and its tail, once from its events alone.
     */
    private void coldLoads(String session, int lines) throws SQLException {
        double[] fromSnapshot = new double[3];
        for (int k = 0; k < fromSnapshot.length; k++) {
            axon.evictSession(session);
            fromSnapshot[k] = millis(() -> countLine(session, lines));
        }
        long tail = tail(session);
        double[] fromEvents = new double[3];
        for (int k = 0; k < fromEvents.length; k++) {
            // a load from events alone asks for a snapshot: let the one of the previous load land, then delete it
            LockSupport.parkNanos(k == 0 ? 0 : 6_000_000_000L);
            execute("delete from snapshot_event_entry where aggregate_identifier = '" + session + "'");
            axon.evictSession(session);
            fromEvents[k] = millis(() -> countLine(session, lines));
        }
        System.out.printf("first command after eviction: from the snapshot (tail %,d events) %s ms; from events alone %s ms%n",
                tail, Arrays.toString(Arrays.stream(fromSnapshot).mapToLong(Math::round).toArray()),
                Arrays.toString(Arrays.stream(fromEvents).mapToLong(Math::round).toArray()));
    }

    /** CPU time consumed so far, in core-seconds: this JVM, two of count-service's threads, the PostgreSQL server. */
    private record Cpu(double jvm, double consumer, double snapshotter, double postgres) {

        Cpu minus(Cpu start) {
            return new Cpu(jvm - start.jvm, consumer - start.consumer, snapshotter - start.snapshotter,
                    postgres - start.postgres);
        }
    }

    private Cpu cpu() throws SQLException {
        var threads = ManagementFactory.getThreadMXBean();
        double consumer = 0;
        double snapshotter = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("consumer-count-scans")) {
                consumer += Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e9;
            } else if (info != null && info.getThreadName().equals("session-snapshotter")) {
                snapshotter += Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e9;
            }
        }
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new Cpu(jvm, consumer, snapshotter, postgresCpu());
    }

    /** The server's processes (postmaster, from its pid file, and its children); backends that ended are not counted. */
    private double postgresCpu() throws SQLException {
        return postgresProcesses().mapToDouble(PostgresSessionBench::cpuSeconds).sum();
    }

    /**
     * CPU of the server's processes by kind, from the title PostgreSQL gives each in /proc/PID/cmdline (Linux):
     * "walwriter", "checkpointer", "autovacuum worker", ..., and every client backend as "backends".
     */
    private Map<String, Double> postgresCpuByProcess() throws SQLException {
        return postgresProcesses().collect(java.util.stream.Collectors.groupingBy(p -> {
            String title;
            try {
                title = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")).replace('\0', ' ').strip();
            } catch (IOException e) {
                title = "ended";
            }
            if (!title.startsWith("postgres: ")) {
                return "postmaster";
            }
            String kind = title.substring("postgres: ".length());
            return kind.startsWith(EmbeddedPostgresServer.USER + " ") ? "backends" : kind.replaceAll("\\s+(process\\s*)?$", "");
        }, java.util.TreeMap::new, java.util.stream.Collectors.summingDouble(PostgresSessionBench::cpuSeconds)));
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private Stream<ProcessHandle> postgresProcesses() throws SQLException {
        String dataDirectory;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select setting from pg_settings where name = 'data_directory'")) {
            rs.next();
            dataDirectory = rs.getString(1);
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()));
    }

    /**
     * The floor of the scan path on this server at this moment: rows shaped like the EPC reads' {@code session_scan}
     * rows (same table definition and indexes, a copy), {@code rows} a transaction by one JDBC batch, no Kafka, no
     * Axon, no idempotency; rows per second, median of {@code rounds} transactions.
     */
    private double rawScanRows(int rows, int rounds) throws SQLException {
        execute("create table if not exists bench_scan (like session_scan including all)");
        double[] rates = new double[rounds];
        Properties settings = new Properties();
        settings.setProperty("user", EmbeddedPostgresServer.USER);
        settings.setProperty("password", EmbeddedPostgresServer.PASSWORD);
        // as the service's datasource is configured
        settings.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(jdbcUrl, settings); PreparedStatement insert = c.prepareStatement(
                "insert into bench_scan (session_id, observation_id, kind, code, gtin, serial, epc, bin, line_no, category,"
                        + " observed_at) values ('bench', ?, 'EPC', ?, ?, ?, ?, ?, ?, 'COUNTED', ?)")) {
            c.setAutoCommit(false);
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int n = 0; n < rows; n++) {
                    int line = 1 + n % 1_000;
                    String epc = String.format("3034%020X", sent++);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, epc);
                    insert.setString(3, String.format("%014d", line));
                    insert.setString(4, epc);
                    insert.setString(5, epc);
                    insert.setString(6, "B-" + (line % 500));
                    insert.setInt(7, line);
                    insert.setTimestamp(8, Timestamp.from(Instant.now()));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                rates[r] = rows / ((System.nanoTime() - start) / 1e9);
            }
        }
        return median(rates);
    }

    /** Publishes EPC reads {@code from}..{@code from+count-1} of a session, then waits until it counts them; seconds. */
    private double publishAndWait(KafkaProducer<String, byte[]> producer, String session, int from, int count)
            throws SQLException {
        long start = System.nanoTime();
        for (int b = from; b < from + count; b += ScanObservationBatch.MAX_OBSERVATIONS) {
            producer.send(body(session, b));
        }
        producer.flush();
        long deadline = start + 600_000_000_000L;
        while (scalar("select scans from session_view where id = '" + session + "'") < from + count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("observations not applied within 10 minutes");
            }
            LockSupport.parkNanos(5_000_000);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A portal's body: EPC reads {@code from}..{@code from+999} of a session, each tag on line {@code 1 + n % 1,000}. */
    private static ProducerRecord<String, byte[]> body(String session, int from) {
        List<ScanObserved> observations = new ArrayList<>(ScanObservationBatch.MAX_OBSERVATIONS);
        for (int n = from; n < from + ScanObservationBatch.MAX_OBSERVATIONS; n++) {
            int line = 1 + n % 1_000;
            String epc = String.format("3034%020X", n);
            observations.add(new ScanObserved(UUID.randomUUID().toString(), session, "portal-1", CodeKind.EPC, epc,
                    String.format("%014d", line), epc, null, "B-" + (line % 500), Instant.now()));
        }
        String batchId = UUID.randomUUID().toString();
        return EventRecords.event(Topics.SCAN_OBSERVATION, session, batchId, ScanObservationBatch.TYPE,
                ScanObservationBatch.VERSION, Instant.now(), null, new ScanObservationBatch(batchId, session, observations));
    }

    /** Creates a count and its session of {@code lines} lines in one transaction, as CountService does; starts it. */
    private long create(String id, int lines, String tracking) {
        var quants = SessionBench.quants(lines, tracking);
        long start = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(300).run(() -> {
            gateway.sendAndWait(new CreateCount("count-" + id, "DC-1", id, CountType.HARD, null, Instant.EPOCH, null, id,
                    List.of()));
            gateway.sendAndWait(new CreateSession(id, "count-" + id, "DC-1", id, CountType.HARD, null, quants, null,
                    Instant.EPOCH, List.of()));
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        gateway.sendAndWait(new StartCounting(id, "bench", true));
        return ms;
    }

    /** One command as {@code PUT /sessions/{id}/lines/{lineId}} sends it: no surrounding transaction, Axon opens one. */
    private void countLine(String session, int lines) {
        int n = sent++;
        gateway.sendAndWait(new CountLine(session, "bench", Integer.toString(1 + (int) ((n * 7919L) % lines)), n % 13));
    }

    private static double repeat(int times, IntConsumer action) {
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            action.accept(i);
        }
        return times / ((System.nanoTime() - start) / 1e9);
    }

    private static double millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void prepareRaw(Connection raw, int lines) throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute("create table bench_line (id int primary key, counted bigint)");
            s.execute("insert into bench_line select g, null from generate_series(1, " + lines + ") g");
        }
        raw.setAutoCommit(true);
    }

    /** The floor of one transaction per command: one single-row UPDATE, committed on its own. */
    private double updates(Connection raw, int lines, int times) throws SQLException {
        try (PreparedStatement update = raw.prepareStatement("update bench_line set counted = ? where id = ?")) {
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                int n = sent++;
                update.setLong(1, n % 13);
                update.setInt(2, 1 + (int) ((n * 7919L) % lines));
                update.executeUpdate();
            }
            return times / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Events a load of the session reads after its latest snapshot. */
    private long tail(String session) throws SQLException {
        return scalar("select max(sequence_number) from domain_event_entry where aggregate_identifier = '" + session + "'")
                - scalar("select coalesce(max(sequence_number), -1) from snapshot_event_entry where aggregate_identifier = '"
                + session + "'");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String setting(String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void timed(long[] latencies, int index, Runnable action) {
        long start = System.nanoTime();
        action.run();
        latencies[index] = System.nanoTime() - start;
    }

    private static String latencies(long[] sortedNanos) {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, mean %.1f ms",
                percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.90), percentile(sortedNanos, 0.99),
                percentile(sortedNanos, 0.999), sortedNanos[sortedNanos.length - 1] / 1e6,
                Arrays.stream(sortedNanos).average().orElse(0) / 1e6);
    }

    private static double percentile(long[] sortedNanos, double p) {
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) (p * sortedNanos.length))] / 1e6;
    }

    /** The service's production settings ({@code prod} profile), quieter broker logs. */
    public static class Production implements QuarkusTestProfile {

        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                    "quarkus.log.category.\"kafka\".level", "WARN",
                    "quarkus.log.category.\"state.change.logger\".level", "WARN");
        }
    }

    /**
     * A real Kafka broker and a real PostgreSQL, durable like production (fsync and synchronous commit on, data in a
     * temporary directory removed at the end) unless {@code -Dbench.fsync=off}. With {@code -Dbench.pg-statements=true}
     * the durable server is restarted with pg_stat_statements loaded.
     */
    public static class Infrastructure implements QuarkusTestResourceLifecycleManager {

        private EmbeddedKafka kafka;
        private EmbeddedPostgresServer postgres;

        @Override
        public Map<String, String> start() {
            kafka = EmbeddedKafka.forTests();
            if ("off".equals(System.getProperty("bench.fsync"))) {
                postgres = EmbeddedPostgresServer.forTests();
            } else {
                postgres = EmbeddedPostgresServer.durableInTemporaryDirectory();
                if (Boolean.getBoolean(PG_STATEMENTS)) {
                    preloadStatementStatistics();
                }
            }
            String url = postgres.createDatabase("count");
            if (Boolean.getBoolean(PG_STATEMENTS)) {
                try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER,
                        EmbeddedPostgresServer.PASSWORD); Statement s = c.createStatement()) {
                    s.execute("create extension if not exists pg_stat_statements");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                    "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        }

        /**
         * pg_stat_statements can only be loaded at server start, and the server's settings are test-support's: set in
         * postgresql.auto.conf (which the server's own command-line settings still override), then the durable server
         * restarted on its data directory.
         */
        private void preloadStatementStatistics() {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), EmbeddedPostgresServer.USER,
                    EmbeddedPostgresServer.PASSWORD); Statement s = c.createStatement()) {
                s.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
                s.execute("alter system set pg_stat_statements.track = 'all'");
                s.execute("alter system set pg_stat_statements.max = 10000");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            postgres.stop();
            postgres.start();
        }

        @Override
        public void stop() {
            postgres.close();
            kafka.close();
        }
    }
}
