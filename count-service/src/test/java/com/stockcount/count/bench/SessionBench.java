package com.stockcount.count.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScan;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.platform.json.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Commands per second on an empty session and on a 100,000-line session, in the same run, through
 * Axon's command bus with the production aggregate settings (cache, snapshot trigger at 250 events),
 * against an in-memory event store: it measures what grows with the session (loading, deciding,
 * applying), not PostgreSQL. Baseline: the same updates on a plain {@code HashMap}, no framework.
 * Run by hand: {@code ./mvnw -o -q -pl count-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.stockcount.count.bench.SessionBench} (see docs/benchmarks.md).
 */
public final class SessionBench {

    private static final int COMMANDS = 20_000;
    private static final int WARMUP = 5_000;

    private SessionBench() {
    }

    public static void main(String[] args) {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Configuration axon = axon();
        CommandGateway gateway = axon.commandGateway();
        try {
            double raw = rawBaseline(lines);
            String empty = session(gateway, "empty", 1);
            String large = session(gateway, "large", lines);
            measure(gateway, empty, 1, WARMUP);
            measure(gateway, large, lines, WARMUP);
            double emptyRate = measure(gateway, empty, 1, COMMANDS);
            double largeRate = measure(gateway, large, lines, COMMANDS);
            double emptyScans = scans(gateway, empty, 1, COMMANDS);
            double largeScans = scans(gateway, large, lines, COMMANDS);
            System.out.printf("raw HashMap baseline              %,12.0f updates/s%n", raw);
            System.out.printf("CountLine, 1-line session         %,12.0f commands/s (%.4f of raw)%n", emptyRate, emptyRate / raw);
            System.out.printf("CountLine, %,d-line session   %,12.0f commands/s (%.4f of raw, %.2f of 1-line)%n",
                    lines, largeRate, largeRate / raw, largeRate / emptyRate);
            System.out.printf("RecordScan, 1-line session        %,12.0f commands/s%n", emptyScans);
            System.out.printf("RecordScan, %,d-line session  %,12.0f commands/s (%.2f of 1-line)%n",
                    lines, largeScans, largeScans / emptyScans);
        } finally {
            axon.shutdown();
        }
    }

    private static Configuration axon() {
        JacksonSerializer events = JacksonSerializer.builder().objectMapper(Json.mapper().copy()).build();
        JacksonSerializer snapshots = JacksonSerializer.builder().objectMapper(Json.mapper().copy()
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)).build();
        return DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> snapshots)
                .configureEventSerializer(c -> events)
                .configureMessageSerializer(c -> events)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .configureAggregate(AggregateConfigurer.defaultConfiguration(SessionAggregate.class)
                        .configureCache(c -> new WeakReferenceCache())
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 250)))
                .start();
    }

    /** The scope of a session of {@code lines} quants tracked as {@code tracking} in 500 bins; line n has GTIN n (14 digits). */
    static List<QuantSnapshot> quants(int lines, String tracking) {
        List<QuantSnapshot> quants = new ArrayList<>(lines);
        for (int i = 1; i <= lines; i++) {
            quants.add(new QuantSnapshot("q" + i, "SKU-" + i, "Product " + i, "B-" + (i % 500), "Backstock", "", tracking,
                    List.of(String.format("%014d", i)), BigDecimal.ONE, i % 7, "Parent " + (i % 100), List.of()));
        }
        return quants;
    }

    private static String session(CommandGateway gateway, String id, int lines) {
        List<QuantSnapshot> quants = quants(lines, "BULK");
        long start = System.nanoTime();
        gateway.sendAndWait(new CreateSession(id, "count-" + id, "DC-1", id, CountType.HARD, null, quants, null,
                Instant.EPOCH, List.of()));
        gateway.sendAndWait(new StartCounting(id, "bench", true));
        System.out.printf("created %s session of %,d lines in %d ms%n", id, lines, (System.nanoTime() - start) / 1_000_000);
        return id;
    }

    private static double measure(CommandGateway gateway, String session, int lines, int commands) {
        long start = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            gateway.sendAndWait(new CountLine(session, "bench", Integer.toString(1 + (i * 7919) % lines), i % 13));
        }
        return commands / ((System.nanoTime() - start) / 1e9);
    }

    private static double scans(CommandGateway gateway, String session, int lines, int commands) {
        long start = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            int line = 1 + (i * 7919) % lines;
            String gtin = String.format("%014d", line);
            gateway.sendAndWait(new RecordScan(session, session + "-scan-" + i, "HH-1", "BARCODE", gtin, gtin,
                    "B-" + (line % 500), null, Instant.now(), null));
        }
        return commands / ((System.nanoTime() - start) / 1e9);
    }

    private static double rawBaseline(int lines) {
        Map<String, Long> counted = new HashMap<>();
        for (int i = 1; i <= lines; i++) {
            counted.put(Integer.toString(i), null);
        }
        long sink = 0;
        int n = COMMANDS * 50;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            counted.put(Integer.toString(1 + (i * 7919) % lines), (long) (i % 13));
            sink += counted.size();
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        return sink == 0 ? 0 : rate;
    }
}
