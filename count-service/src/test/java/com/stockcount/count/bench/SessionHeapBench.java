package com.stockcount.count.bench;

import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SnapshotLine;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

/**
 * The heap a cached session holds after taking N EPCs (default 200,000) on 1,000 RFID lines: the session is rebuilt
 * from the events the scan path records (one {@code ScansRecorded} of 500 outcomes a chunk, each EPC a distinct tag
 * with its own decoded serial and read time, as Jackson reads them from the store), the events are dropped, and the
 * used heap after full collections is compared with the heap before. Not a test; run by hand (docs/benchmarks.md):
 * {@code java -cp ... com.stockcount.count.bench.SessionHeapBench 200000}.
 */
public final class SessionHeapBench {

    private static final String SESSION = "heap";
    private static final int LINES = 1_000;

    private SessionHeapBench() {
    }

    public static void main(String[] args) {
        int epcs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        // warm: classes loaded and the meta-model inspected before the baseline
        load(1_000);
        long before = usedAfterGc();
        EventSourcedAggregate<SessionAggregate> session = load(epcs);
        long after = usedAfterGc();
        Reference.reachabilityFence(session);
        System.out.printf("session of %,d lines holding %,d EPCs: %,.1f MB retained (%,.0f bytes an EPC, lines included)%n",
                LINES, epcs, (after - before) / 1e6, (after - before) / (double) epcs);
    }

    private static EventSourcedAggregate<SessionAggregate> load(int epcs) {
        List<QuantSnapshot> quants = SessionBench.quants(LINES, "RFID");
        List<Object> head = new ArrayList<>();
        head.add(new SessionCreated(SESSION, "count-heap", "DC-1", SESSION, CountType.HARD, null, Instant.EPOCH, LINES,
                null, Instant.EPOCH, List.of()));
        List<SnapshotLine> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add(new SnapshotLine(Integer.toString(i + 1), quants.get(i)));
        }
        head.add(new LinesSnapshotted(SESSION, 0, lines));
        head.add(new CountingStarted(SESSION, Instant.EPOCH));
        int chunk = SessionAggregate.SCAN_CHUNK;
        // built one event at a time as the stream is read, so only the session stays reachable afterwards
        Stream<Object> scans = IntStream.range(0, (epcs + chunk - 1) / chunk).mapToObj(c -> {
            List<ScanOutcome> outcomes = new ArrayList<>(chunk);
            for (int n = c * chunk; n < Math.min(epcs, (c + 1) * chunk); n++) {
                int line = 1 + n % LINES;
                String epc = String.format("3034257BF7194E%010X", n);
                outcomes.add(ScanOutcome.counted("o-" + n, "COUNTED", "EPC", new String(epc), String.format("%014d", line),
                        Long.toString(n), epc, "B-" + (line % 500), Integer.toString(line), n / LINES + 1,
                        Instant.ofEpochMilli(1_700_000_000_000L + n)));
            }
            return new ScansRecorded(SESSION, outcomes);
        });
        long[] sequence = {0};
        Stream<? extends DomainEventMessage<?>> messages = Stream.concat(head.stream(), scans)
                .map(payload -> new GenericDomainEventMessage<>("SessionAggregate", SESSION, sequence[0]++, payload));
        SessionAggregate root = new GenericAggregateFactory<>(SessionAggregate.class).createAggregateRoot(SESSION,
                new GenericDomainEventMessage<>("SessionAggregate", SESSION, 0, head.get(0)));
        EventSourcedAggregate<SessionAggregate> aggregate = EventSourcedAggregate.initialize(root,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(SessionAggregate.class), null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(messages));
        return aggregate;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
