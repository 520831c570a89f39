package com.stockcount.count.scans;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.warmup.WarmUps;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rehearses the scan path before the scan consumer starts, so that the first RFID portal after a start is not what
 * compiles it. Measured (docs/rfid.md, round 9): in the first 4 s of a 20,000 tags/s stream into a just-started
 * count-service the p99 to the session view was 1.0–2.1 s against 0.2 s warm, and count-service spent 35 µs of CPU
 * a tag instead of 23, compiling on the cores the stream needed.
 *
 * <p>A round is a synthetic RFID session (one RFID line, a bin) created, started and sent
 * {@value #TAGS_A_ROUND} observations as scan-ingest publishes them (batch records of {@value #TAGS_A_RECORD}, two
 * a poll, with a barcode and an undecodable tag now and then), through {@link ScanConsumer#rehearse}: the real
 * decoding, status query, aggregate, event store and read model, in one transaction that is rolled back. So nothing
 * of it is kept or published (the publisher reads committed events only), and the session is evicted from the
 * cache afterwards. The statements write to temporary copies of the tables ({@link #shadowTables}), so the real
 * ones get no dead rows and the event store's global index no gaps. Its cost is the rounds' CPU at start
 * (readiness is down meanwhile, and the consumer waits).
 */
@ApplicationScoped
public class ScanPathWarmUp {

    private static final Logger LOG = Logger.getLogger(ScanPathWarmUp.class);
    static final String NAME = "scan path";
    static final int TAGS_A_ROUND = 20_000;
    static final int TAGS_A_RECORD = 500;
    private static final int RECORDS_A_POLL = 2;
    /** The GTIN of the rehearsal's product: any valid one, the line exists only in the rolled-back transaction. */
    private static final String GTIN = "80614141123458";
    private static final String BIN = "WARM-UP-01";
    /** The tables the scan path writes, with the column its own sequence fills, if any. */
    private static final String[][] SHADOWED = {{"domain_event_entry", "global_index"}, {"session_scan", "id"},
            {"session_view"}, {"session_line"}, {"processed_event"}};

    @Inject
    WarmUps warmUps;
    @Inject
    ScanConsumer consumer;
    @Inject
    AxonConfiguration axon;
    @Inject
    DataSource dataSource;
    /** How long the rehearsal may run at most; 0 turns it off (the consumer then starts at once, cold). */
    @ConfigProperty(name = "stockcount.scans.warm-up.budget", defaultValue = "20s")
    Duration budget;

    private volatile boolean stopping;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (budget.isZero() || budget.isNegative()) {
            consumer.consume();
            return;
        }
        warmUps.expect(NAME);
        // off the startup thread: the REST API is served meanwhile, only readiness and the consumer wait
        thread = new Thread(() -> {
            try {
                warmUps.rehearse(NAME, budget, this::round);
            } finally {
                if (!stopping) {
                    consumer.consume();
                }
            }
        }, "scan-path-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** One rehearsed session; returns the tags it applied. */
    long round(int round) {
        if (stopping) {
            throw new IllegalStateException("shutting down");
        }
        String session = "warm-up-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<List<ConsumerRecord<String, byte[]>>> polls = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> poll = new ArrayList<>();
        for (int from = 0; from < TAGS_A_ROUND; from += TAGS_A_RECORD) {
            poll.add(record(session, batch(session, round, from, now)));
            if (poll.size() == RECORDS_A_POLL) {
                polls.add(poll);
                poll = new ArrayList<>();
            }
        }
        if (!poll.isEmpty()) {
            polls.add(poll);
        }
        QuantSnapshot quant = new QuantSnapshot("warm-up-quant", "WARM-UP", "Warm-up product", BIN, "Warm-up", null, "RFID",
                List.of(GTIN), BigDecimal.ONE, 5, null, List.of());
        try {
            consumer.rehearse(() -> {
                shadowTables();
                axon.commandGateway().sendAndWait(new CreateSession(session, "warm-up-" + session, "WARM-UP", "warm-up",
                        CountType.HARD, BIN, List.of(quant), null, now, List.of()));
                axon.commandGateway().sendAndWait(new StartCounting(session, "warm-up", true));
            }, polls);
        } finally {
            axon.evictSession(session);
        }
        LOG.debugf("warm-up round %d: %d tags", round, TAGS_A_ROUND);
        return TAGS_A_ROUND;
    }

    /**
     * Temporary copies of the tables the scan path writes, created in the rehearsal's transaction on its connection
     * and dropped with it. PostgreSQL resolves an unqualified name to a temporary table first, so the rehearsal's
     * statements (the same SQL as the real path's) write there: no WAL, no dead rows for autovacuum in the real
     * tables, and, with an identity of its own instead of the shared sequence, no global-index values skipped in the
     * event store that the publisher would track as gaps. The rollback is the second guard: a table missing here
     * would be written and rolled back, never kept.
     */
    private void shadowTables() {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            for (String[] table : SHADOWED) {
                ddl.execute("create temporary table " + table[0] + " (like public." + table[0] + " including all) on commit drop");
                if (table.length > 1) {
                    ddl.execute("alter table pg_temp." + table[0] + " alter column " + table[1] + " drop default");
                    ddl.execute("alter table pg_temp." + table[0] + " alter column " + table[1] + " add generated by default as identity");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the rehearsal's tables", e);
        }
    }

    /** Observations as scan-ingest publishes an RFID portal's: SGTIN-96 EPCs of one GTIN, now and then something else. */
    private static ScanObservationBatch batch(String session, int round, int from, Instant at) {
        List<ScanObserved> observations = new ArrayList<>(TAGS_A_RECORD);
        for (int i = from; i < from + TAGS_A_RECORD; i++) {
            String id = UUID.nameUUIDFromBytes((session + ':' + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            if (i % 100 == 99) {
                // a handheld's barcode in the same stream: the processed-id path
                observations.add(new ScanObserved(id, session, "warm-up-handheld", CodeKind.BARCODE, GTIN, GTIN, null, null,
                        BIN, at));
                continue;
            }
            String epc = String.format("30340242201D8C%010X", (long) round * TAGS_A_ROUND + i);
            // one tag in two hundred does not decode (another header): unmatched
            String gtin = i % 200 == 7 ? null : GTIN;
            observations.add(new ScanObserved(id, session, "warm-up-portal", CodeKind.EPC, epc, gtin,
                    gtin == null ? null : Long.toString(i), null, BIN, at));
        }
        return new ScanObservationBatch(UUID.randomUUID().toString(), session, observations);
    }

    /** The record as the consumer receives it: the same headers and JSON as scan-ingest's. */
    private static ConsumerRecord<String, byte[]> record(String session, ScanObservationBatch batch) {
        ProducerRecord<String, byte[]> produced = EventRecords.event(Topics.SCAN_OBSERVATION, session, batch.batchId(),
                ScanObservationBatch.TYPE, ScanObservationBatch.VERSION, Instant.now(), null, batch);
        return new ConsumerRecord<>(produced.topic(), 0, 0, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                session.length(), produced.value().length, session, produced.value(), produced.headers(), Optional.empty());
    }
}
