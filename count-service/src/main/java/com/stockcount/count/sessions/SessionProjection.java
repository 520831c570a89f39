package com.stockcount.count.sessions;

import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LineAdded;
import com.stockcount.count.sessions.domain.SessionEvents.LineCleared;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.LockExpired;
import com.stockcount.count.sessions.domain.SessionEvents.LockReleased;
import com.stockcount.count.sessions.domain.SessionEvents.LockTaken;
import com.stockcount.count.sessions.domain.SessionEvents.ScanCounted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanDismissed;
import com.stockcount.count.sessions.domain.SessionEvents.ScanMatched;
import com.stockcount.count.sessions.domain.SessionEvents.ScanRemoved;
import com.stockcount.count.sessions.domain.SessionEvents.CurrentBinSet;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScanUnmatched;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCompleted;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SessionEvents.SessionDiscarded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionEdited;
import com.stockcount.count.sessions.domain.SessionEvents.SessionReopened;
import com.stockcount.count.sessions.domain.SnapshotLine;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Keeps {@code session_view} and {@code session_line} for the session screens. It runs in the
 * command's transaction (subscribing processor), so the REST answer to a command already shows it.
 */
@Singleton
public class SessionProjection {

    private static final String RECORDED_SCANS = SessionProjection.class.getName() + ".recordedScans";
    /** The scan rows of a unit of work, in COPY's binary format (no escaping, no parsing of numbers and times). */
    private static final String COPY_SCANS = "copy session_scan (session_id, observation_id, kind, code, gtin, serial, epc,"
            + " bin, line_no, category, reason, observed_at) from stdin (format binary)";
    /** The binary format's signature (11 bytes), followed by flags and the length of a header extension, both 0. */
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Bytes of rows sent to the server at a time. */
    private static final int COPY_CHUNK = 64 * 1_024;
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;

    @Inject
    DataSource dataSource;

    @EventHandler
    public void on(SessionCreated event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into session_view (id, count_id, site, name, bin, area, status, created_at, count_type, directed)"
                        + " values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?)")) {
            insert.setString(1, event.sessionId());
            insert.setString(2, event.countId());
            insert.setString(3, event.site());
            insert.setString(4, event.name());
            insert.setString(5, event.bin());
            insert.setString(6, event.area());
            insert.setTimestamp(7, Timestamp.from(event.createdAt()));
            insert.setString(8, event.countType().name());
            insert.setArray(9, c.createArrayOf("text", event.directed().toArray()));
            insert.executeUpdate();
        }
    }

    @EventHandler
    public void on(LinesSnapshotted event) throws SQLException {
        insertLines(event.sessionId(), event.lines());
    }

    @EventHandler
    public void on(LineAdded event) throws SQLException {
        insertLines(event.sessionId(), List.of(event.line()));
    }

    private void insertLines(String sessionId, List<SnapshotLine> lines) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into session_line (session_id, line_no, quant_id, sku, name, bin, area, lot, tracking, gtins,"
                        + " unit_cost, system_quantity, parent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SnapshotLine line : lines) {
                QuantSnapshot q = line.quant();
                insert.setString(1, sessionId);
                insert.setInt(2, Integer.parseInt(line.lineId()));
                insert.setString(3, q.quantId());
                insert.setString(4, q.sku());
                insert.setString(5, q.name());
                insert.setString(6, q.bin());
                insert.setString(7, q.area());
                insert.setString(8, q.lot());
                insert.setString(9, q.tracking());
                insert.setString(10, String.join(",", q.gtins()));
                insert.setBigDecimal(11, q.unitCost());
                insert.setLong(12, q.systemQuantity());
                insert.setString(13, q.parent());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @EventHandler
    public void on(CountingStarted event) throws SQLException {
        update("update session_view set status = 'IN_PROGRESS', started_at = ? where id = ?",
                event.startedAt(), event.sessionId());
    }

    @EventHandler
    public void on(LineCounted event) throws SQLException {
        setLine(event.sessionId(), event.lineId(), event.countedQuantity(), event.countedAt());
    }

    @EventHandler
    public void on(LineCleared event) throws SQLException {
        setLine(event.sessionId(), event.lineId(), null, null);
    }

    @EventHandler
    public void on(ScanCounted event) throws SQLException {
        setLine(event.sessionId(), event.lineId(), event.countedQuantity(), event.countedAt());
        update("update session_view set scans = scans + 1 where id = ?", null, event.sessionId());
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into session_scan (session_id, observation_id, kind, code, gtin, serial, epc, bin, line_no,"
                        + " category, observed_at) select ?, ?, ?, ?, ?, ?, ?, bin, line_no, ?, ?"
                        + " from session_line where session_id = ? and line_no = ?")) {
            insert.setString(1, event.sessionId());
            insert.setString(2, event.observationId());
            insert.setString(3, event.kind());
            insert.setString(4, event.code());
            insert.setString(5, event.gtin());
            insert.setString(6, event.serial());
            insert.setString(7, event.epc());
            insert.setString(8, event.category());
            insert.setTimestamp(9, Timestamp.from(event.countedAt()));
            insert.setString(10, event.sessionId());
            insert.setInt(11, Integer.parseInt(event.lineId()));
            insert.executeUpdate();
        }
    }

    /**
     * Scan outcomes are written once per unit of work, not once per event: a poll of EPC reads is one command whose
     * ~20 events of 500 outcomes each re-count mostly the same lines, and updating every line in every event (~10,000
     * row versions for 1,000 lines per poll) was where the consumer spent most of its time (docs/benchmarks.md). The
     * outcomes of the unit of work are gathered here and written when its events have all been handled (prepare
     * commit), in three statements: the scan rows (one JDBC batch), each line's last total (one statement), and the
     * session's counters and current bin. That is still before the command returns and inside its transaction, so
     * they commit or roll back with the events as before; nothing in the same unit of work reads them meanwhile (only
     * the scan commands record outcomes, and no event they apply reads the scan rows or lines).
     */
    @EventHandler
    public void on(ScansRecorded event) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<String, RecordedScans> recorded = unitOfWork.getOrComputeResource(RECORDED_SCANS, key -> {
            Map<String, RecordedScans> bySession = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> {
                try {
                    for (RecordedScans scans : bySession.values()) {
                        write(scans);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write the scans of sessions " + bySession.keySet(), e);
                }
            });
            return bySession;
        });
        recorded.computeIfAbsent(event.sessionId(), RecordedScans::new).add(event);
    }

    private void write(RecordedScans recorded) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!recorded.scans.isEmpty()) {
                copyScans(c, recorded);
            }
            if (!recorded.lastOfLine.isEmpty()) {
                int n = recorded.lastOfLine.size();
                Integer[] lineNos = new Integer[n];
                Long[] totals = new Long[n];
                String[] times = new String[n];
                int i = 0;
                for (ScanOutcome scan : recorded.lastOfLine.values()) {
                    lineNos[i] = Integer.parseInt(scan.lineId());
                    totals[i] = scan.countedQuantity();
                    times[i++] = scan.observedAt().toString();
                }
                try (PreparedStatement update = c.prepareStatement("update session_line l set counted_quantity = t.total,"
                        + " counted_at = t.at from unnest(?::integer[], ?::bigint[], ?::text[]::timestamptz[]) as t(line_no, total, at)"
                        + " where l.session_id = ? and l.line_no = t.line_no")) {
                    update.setArray(1, c.createArrayOf("integer", lineNos));
                    update.setArray(2, c.createArrayOf("bigint", totals));
                    update.setArray(3, c.createArrayOf("text", times));
                    update.setString(4, recorded.sessionId);
                    update.executeUpdate();
                }
            }
            try (PreparedStatement update = c.prepareStatement("update session_view set scans = scans + ?,"
                    + " unmatched_scans = unmatched_scans + ?, current_bin = coalesce(?, current_bin) where id = ?")) {
                update.setInt(1, recorded.scans.size());
                update.setInt(2, recorded.unmatched);
                update.setString(3, recorded.currentBin);
                update.setString(4, recorded.sessionId);
                update.executeUpdate();
            }
        }
    }

    /**
     * The scan rows of a unit of work by one {@code COPY ... FROM STDIN} instead of a batch of multi-row INSERTs: the
     * same rows in the same transaction (the connection is the command's, enlisted in its JTA transaction), and a
     * scan already recorded still fails the statement, hence the transaction, on the (session_id, observation_id)
     * key. PostgreSQL writes a COPY's rows with its multi-insert path (one WAL record per page's worth of rows instead
     * of one per row) and parses no statement of 1,536 parameters per 128 rows; the session_scan inserts were ~2/3
     * of the server's statement time and ~80 % of its WAL while EPCs stream in (docs/benchmarks.md, round 8). The
     * binary format: values need no escaping (codes, serials and reasons are free text) and the server parses no text
     * into integers and times; text values are sent as UTF-8 and checked by the server as in an INSERT (encoding,
     * varchar lengths).
     */
    private static void copyScans(Connection c, RecordedScans recorded) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SCANS);
        try {
            ByteBuffer rows = ByteBuffer.allocate(COPY_CHUNK);
            rows.put(COPY_SIGNATURE).putInt(0).putInt(0);
            byte[] session = recorded.sessionId.getBytes(StandardCharsets.UTF_8);
            for (ScanOutcome scan : recorded.scans) {
                byte[][] texts = {scan.observationId().getBytes(StandardCharsets.UTF_8), utf8(scan.kind()), utf8(scan.code()),
                        utf8(scan.gtin()), utf8(scan.serial()), utf8(scan.epc()), utf8(scan.bin()), utf8(scan.category()),
                        utf8(scan.reason())};
                int size = 2 + 12 * 4 + session.length + 4 + 8;
                for (byte[] text : texts) {
                    size += text == null ? 0 : text.length;
                }
                if (rows.remaining() < size) {
                    rows = writeTo(copy, rows, size);
                }
                rows.putShort((short) 12);
                field(rows, session);
                for (int i = 0; i < 7; i++) {
                    field(rows, texts[i]);
                }
                if (scan.countedOnLine()) {
                    rows.putInt(4).putInt(Integer.parseInt(scan.lineId()));
                } else {
                    rows.putInt(-1);
                }
                field(rows, texts[7]);
                field(rows, texts[8]);
                rows.putInt(8).putLong(postgresMicros(scan.observedAt()));
            }
            if (rows.remaining() < 2) {
                rows = writeTo(copy, rows, 2);
            }
            rows.putShort((short) -1);
            writeTo(copy, rows, 0);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The rows so far to the server; a buffer with room for {@code next} bytes (a row larger than a chunk gets its own). */
    private static ByteBuffer writeTo(CopyIn copy, ByteBuffer rows, int next) throws SQLException {
        copy.writeToCopy(rows.array(), 0, rows.position());
        return next > COPY_CHUNK ? ByteBuffer.allocate(next) : rows.clear();
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** A value of the binary format: its length and bytes, or length -1 for null. */
    private static void field(ByteBuffer rows, byte[] value) {
        if (value == null) {
            rows.putInt(-1);
        } else {
            rows.putInt(value.length).put(value);
        }
    }

    /**
     * A timestamptz of the binary format: microseconds since 2000-01-01T00:00Z, rounded to the nearest as the server
     * rounds a time given as text (and pgjdbc a bound timestamp).
     */
    private static long postgresMicros(Instant instant) {
        return (instant.getEpochSecond() - POSTGRES_EPOCH_SECOND) * 1_000_000 + (instant.getNano() + 500) / 1_000;
    }

    /** The outcomes of one session recorded in a unit of work: the scan rows, each line's last total, the counters. */
    private static final class RecordedScans {
        private final String sessionId;
        private final List<ScanOutcome> scans = new ArrayList<>();
        private final Map<String, ScanOutcome> lastOfLine = new LinkedHashMap<>();
        private int unmatched;
        private String currentBin;

        RecordedScans(String sessionId) {
            this.sessionId = sessionId;
        }

        void add(ScansRecorded event) {
            for (ScanOutcome scan : event.scans()) {
                if (SessionAggregate.BIN_SET.equals(scan.category())) {
                    currentBin = scan.bin();
                } else {
                    scans.add(scan);
                    if (scan.countedOnLine()) {
                        lastOfLine.put(scan.lineId(), scan);
                    } else {
                        unmatched++;
                    }
                }
            }
        }
    }

    @EventHandler
    public void on(ScanUnmatched event) throws SQLException {
        update("update session_view set scans = scans + 1, unmatched_scans = unmatched_scans + 1 where id = ?",
                null, event.sessionId());
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into session_scan (session_id, observation_id, kind, code, gtin, bin, category, reason,"
                        + " observed_at) values (?, ?, ?, ?, ?, ?, 'UNMATCHED', ?, ?)")) {
            insert.setString(1, event.sessionId());
            insert.setString(2, event.observationId());
            insert.setString(3, event.kind());
            insert.setString(4, event.code());
            insert.setString(5, event.gtin());
            insert.setString(6, event.bin());
            insert.setString(7, event.reason());
            insert.setTimestamp(8, Timestamp.from(event.observedAt()));
            insert.executeUpdate();
        }
    }

    @EventHandler
    public void on(CurrentBinSet event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_view set current_bin = ? where id = ?")) {
            update.setString(1, event.bin());
            update.setString(2, event.sessionId());
            update.executeUpdate();
        }
    }

    @EventHandler
    public void on(ScanRemoved event) throws SQLException {
        if (event.lineId() != null) {
            setLine(event.sessionId(), event.lineId(), event.countedQuantity(), event.removedAt());
        }
        scanUpdate("update session_scan set removed = true where session_id = ? and observation_id = ?", event.sessionId(),
                event.observationId());
        update("update session_view set scans = scans - 1 where id = ?", null, event.sessionId());
        if (event.lineId() == null) {
            update("update session_view set unmatched_scans = unmatched_scans - 1 where id = ?", null, event.sessionId());
        }
    }

    @EventHandler
    public void on(ScanMatched event) throws SQLException {
        setLine(event.sessionId(), event.lineId(), event.countedQuantity(), event.matchedAt());
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_scan set category = ?, line_no = ? where session_id = ? and observation_id = ?")) {
            update.setString(1, event.category());
            update.setInt(2, Integer.parseInt(event.lineId()));
            update.setString(3, event.sessionId());
            update.setString(4, event.observationId());
            update.executeUpdate();
        }
        update("update session_view set unmatched_scans = unmatched_scans - 1 where id = ?", null, event.sessionId());
    }

    @EventHandler
    public void on(ScanDismissed event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_scan set category = 'DISMISSED', reason = ? where session_id = ? and observation_id = ?")) {
            update.setString(1, event.reason());
            update.setString(2, event.sessionId());
            update.setString(3, event.observationId());
            update.executeUpdate();
        }
        update("update session_view set unmatched_scans = unmatched_scans - 1 where id = ?", null, event.sessionId());
    }

    private void scanUpdate(String sql, String sessionId, String observationId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, sessionId);
            update.setString(2, observationId);
            update.executeUpdate();
        }
    }

    @EventHandler
    public void on(SessionCompleted event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_view set status = 'COMPLETED', completed_at = ?, revision = ? where id = ?")) {
            update.setTimestamp(1, Timestamp.from(event.completedAt()));
            update.setInt(2, event.revision());
            update.setString(3, event.sessionId());
            update.executeUpdate();
        }
    }

    @EventHandler
    public void on(SessionReopened event) throws SQLException {
        update("update session_view set status = 'IN_PROGRESS', completed_at = null where id = ?", null,
                event.sessionId());
    }

    @EventHandler
    public void on(SessionDiscarded event) throws SQLException {
        update("update session_view set status = 'DISCARDED', discarded_at = ?, lock_holder = null,"
                + " lock_expires_at = null where id = ?", event.discardedAt(), event.sessionId());
    }

    @EventHandler
    public void on(SessionEdited event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_view set name = ?, area = ? where id = ?")) {
            update.setString(1, event.name());
            update.setString(2, event.area());
            update.setString(3, event.sessionId());
            update.executeUpdate();
        }
    }

    @EventHandler
    public void on(LockTaken event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_view set lock_holder = ?, lock_expires_at = ? where id = ?")) {
            update.setString(1, event.holder());
            update.setTimestamp(2, Timestamp.from(event.at().plus(event.ttl())));
            update.setString(3, event.sessionId());
            update.executeUpdate();
        }
    }

    @EventHandler
    public void on(LockReleased event) throws SQLException {
        update("update session_view set lock_holder = null, lock_expires_at = null where id = ?", null, event.sessionId());
    }

    @EventHandler
    public void on(LockExpired event) throws SQLException {
        update("update session_view set lock_holder = null, lock_expires_at = null where id = ?", null, event.sessionId());
    }

    private void setLine(String sessionId, String lineId, Long counted, Instant countedAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update session_line set counted_quantity = ?, counted_at = ? where session_id = ? and line_no = ?")) {
            if (counted == null) {
                update.setNull(1, Types.BIGINT);
                update.setNull(2, Types.TIMESTAMP);
            } else {
                update.setLong(1, counted);
                update.setTimestamp(2, Timestamp.from(countedAt));
            }
            update.setString(3, sessionId);
            update.setInt(4, Integer.parseInt(lineId));
            update.executeUpdate();
        }
    }

    /** An update of one session row, with an optional timestamp as first parameter. */
    private void update(String sql, Instant at, String sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(sql)) {
            int i = 1;
            if (at != null) {
                update.setTimestamp(i++, Timestamp.from(at));
            }
            update.setString(i, sessionId);
            update.executeUpdate();
        }
    }
}
