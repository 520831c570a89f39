package com.stockcount.count.scans;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScans;
import com.stockcount.count.sessions.domain.SessionCommands.Scan;
import com.stockcount.count.sessions.domain.SessionRefused;
import com.stockcount.count.sessions.domain.SessionStatus;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.ConsumerWorker;
import com.stockcount.platform.kafka.ConsumerWorkers;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.platform.outbox.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Applies scans from {@code scan.observation.v1} (single {@link ScanObserved} records and
 * {@link ScanObservationBatch}es, told apart by the {@code event-type} header) to their sessions, a partition's
 * records of one poll at a time: one JTA transaction, one {@code processed_event} statement for the observation ids
 * of barcodes, serials and bin labels, and one command per session. Axon's unit of work joins that transaction, so
 * the sessions' events, their read model and the processed ids commit together and a redelivered observation counts
 * once.
 *
 * <p>EPC observations get no {@code processed_event} row: the session de-duplicates them itself. Their id is a
 * function of the session and the EPC alone (scan-ingest's {@code ObservationIds.ofEpc}), so an EPC observation
 * already applied is exactly an EPC the session already took, and the session remembers every EPC it took in its
 * events, appended in this same transaction, and refuses a repeat as a no-op (whether it was counted, unmatched,
 * matched, dismissed or removed since). A redelivery (a poll rolled back, a crash before the offsets were committed,
 * the record-by-record fallback after a refused session) therefore changes nothing and writes no second
 * {@code session_scan} row; a session evicted from the cache or a restarted service rebuilds the set from the
 * session's snapshot and events. This takes one statement and one index entry per EPC off the path that must keep
 * up with RFID portals. Barcode and serial scans legitimately repeat (two units of one product), so they keep their
 * row.
 *
 * <p>A scan for a session that does not exist or is not being counted can never apply. The status of every session
 * of the poll is read first (the read model is written in the same transactions as the events), so such a session is
 * left out and the others' scans are applied; its records are then refused as poison, which makes the worker hand
 * them back one by one and dead-letter each with the reason (the others are already processed, so they change
 * nothing the second time). A session refused only by its aggregate (a device lock) fails the whole transaction, and
 * the worker's record-by-record fallback sorts it out the same way.
 */
@ApplicationScoped
public class ScanConsumer {

    static final String GROUP = "count-service";
    static final String CONSUMER = "count-service.scans";

    @Inject
    ConsumerWorkers workers;
    @Inject
    AxonConfiguration axon;
    @Inject
    DataSource dataSource;
    @Inject
    TransactionManager transactions;
    /*
     * How much of a backlog one poll, hence one transaction, applies. Every unit of work pays the same fixed costs (the
     * session status query, one command, each counted line's total, the counters, the commit), so fewer and larger
     * units could apply more EPCs a second under a backlog; without one a poll holds only what has arrived. Kafka's
     * defaults (1 MiB a partition, 500 records) give units of ~13,000 EPCs (portal bodies of 1,000) under a backlog.
     * 8 MiB and 50 records (units of up to 50,000) measured no gain on the shared bench machine (docs/benchmarks.md),
     * so the defaults stay Kafka's; the keys are for measuring it again elsewhere. Memory: at most max-poll-records
     * records are handed over at a time, and the fetch buffer holds at most twice max-partition-fetch-bytes.
     */
    @ConfigProperty(name = "stockcount.scans.max-partition-fetch-bytes", defaultValue = "1048576")
    int maxPartitionFetchBytes;
    @ConfigProperty(name = "stockcount.scans.max-poll-records", defaultValue = "500")
    int maxPollRecords;

    /** Called by {@link ScanPathWarmUp} once the scan path has been rehearsed (or at once, when that is off). */
    void consume() {
        workers.start(ConsumerWorker.batched("count-scans", GROUP, List.of(Topics.SCAN_OBSERVATION), this::handle,
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxPartitionFetchBytes,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * maxPartitionFetchBytes,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords)));
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<ScanObserved>> bySession = bySession(records);
        Map<String, String> refused = new LinkedHashMap<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> apply(bySession, refused));
        } catch (RuntimeException e) {
            // the transaction failed after some of Axon's units of work had succeeded in it: those cached sessions are ahead
            bySession.keySet().forEach(axon::evictSession);
            if (e instanceof SessionRefused || e instanceof AggregateNotFoundException) {
                throw new PoisonRecordException(e.getMessage(), e);
            }
            throw e;
        }
        if (!refused.isEmpty()) {
            throw new PoisonRecordException(String.join("; ", refused.values()));
        }
    }

    /**
     * The warm-up's rehearsal ({@link ScanPathWarmUp}): {@code setUp} and then every poll applied exactly as
     * {@link #handle} applies one (same decoding, status query, processed ids, commands, read model), all in one
     * transaction that is then rolled back, so none of it is kept: no event, no row, no processed id. What stays is
     * what the rehearsal is for: compiled code, and warm connections and plans. The caller evicts the rehearsed
     * sessions from the cache.
     */
    void rehearse(Runnable setUp, List<List<ConsumerRecord<String, byte[]>>> polls) {
        try {
            transactions.begin();
        } catch (NotSupportedException | SystemException e) {
            throw new IllegalStateException("cannot begin the rehearsal's transaction", e);
        }
        try {
            setUp.run();
            for (List<ConsumerRecord<String, byte[]>> poll : polls) {
                Map<String, String> refused = new LinkedHashMap<>();
                apply(bySession(poll), refused);
                if (!refused.isEmpty()) {
                    throw new IllegalStateException("rehearsal refused: " + String.join("; ", refused.values()));
                }
            }
        } finally {
            try {
                transactions.rollback();
            } catch (SystemException e) {
                throw new IllegalStateException("cannot roll the rehearsal back", e);
            }
        }
    }

    private static Map<String, List<ScanObserved>> bySession(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, List<ScanObserved>> bySession = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            for (ScanObserved scan : observations(record)) {
                bySession.computeIfAbsent(scan.sessionId(), id -> new ArrayList<>()).add(scan);
            }
        }
        return bySession;
    }

    private void apply(Map<String, List<ScanObserved>> bySession, Map<String, String> refused) {
        Set<String> fresh;
        try (Connection connection = dataSource.getConnection()) {
            refused.putAll(refusals(connection, bySession.keySet()));
            List<String> ids = new ArrayList<>();
            bySession.forEach((session, scans) -> {
                if (!refused.containsKey(session)) {
                    scans.stream().filter(scan -> scan.kind() != CodeKind.EPC).forEach(scan -> ids.add(scan.observationId()));
                }
            });
            fresh = ProcessedEvents.firstDeliveries(connection, CONSUMER, ids);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record observations", e);
        }
        bySession.forEach((session, observations) -> {
            List<Scan> scans = new ArrayList<>();
            for (ScanObserved o : observations) {
                // remove: an id repeated within the poll is applied once, like a redelivered one; the session takes an EPC once
                if (o.kind() == CodeKind.EPC || fresh.remove(o.observationId())) {
                    scans.add(new Scan(o.observationId(), o.deviceId(), o.kind().name(), o.code(), o.gtin(), o.bin(),
                            o.lot(), o.observedAt(), o.serial()));
                }
            }
            if (!scans.isEmpty()) {
                axon.commandGateway().sendAndWait(new RecordScans(session, scans));
            }
        });
    }

    /** Sessions that cannot be counted now, with the reason: unknown, or not IN_PROGRESS. */
    private static Map<String, String> refusals(Connection connection, Set<String> sessions) throws SQLException {
        Map<String, String> refusals = new HashMap<>();
        Set<String> known = new HashSet<>();
        Array ids = connection.createArrayOf("text", sessions.toArray());
        try (PreparedStatement query = connection.prepareStatement("select id, status from session_view where id = any (?)")) {
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    known.add(rows.getString("id"));
                    String refusal = SessionStatus.valueOf(rows.getString("status")).countingRefusal();
                    if (refusal != null) {
                        refusals.put(rows.getString("id"), refusal);
                    }
                }
            }
        } finally {
            ids.free();
        }
        sessions.stream().filter(id -> !known.contains(id))
                .forEach(id -> refusals.put(id, "session " + id + " does not exist"));
        return refusals;
    }

    /** The observations of one record; an unknown type or version can never be read, so it is poison. */
    private static List<ScanObserved> observations(ConsumerRecord<String, byte[]> record) {
        String type = EventRecords.eventType(record);
        if (ScanObserved.TYPE.equals(type)) {
            EventRecords.requireVersion(record, ScanObserved.VERSION);
            return List.of(Json.read(record.value(), ScanObserved.class));
        }
        if (ScanObservationBatch.TYPE.equals(type)) {
            EventRecords.requireVersion(record, ScanObservationBatch.VERSION);
            return Json.read(record.value(), ScanObservationBatch.class).observations();
        }
        throw new PoisonRecordException("unknown event type " + type + " on " + record.topic());
    }
}
