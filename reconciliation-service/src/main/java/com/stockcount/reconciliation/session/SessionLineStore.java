package com.stockcount.reconciliation.session;

import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the session feature, on the caller's connection so it joins the caller's transaction. */
final class SessionLineStore {

    record Stored(int parts, int lines) {
    }

    private SessionLineStore() {
    }

    static void insertPart(Connection c, SessionResultPart part) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into session_part (session_id, revision, part, parts,"
                + " lines) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            insert.setString(1, part.sessionId());
            insert.setInt(2, part.revision());
            insert.setInt(3, part.part());
            insert.setInt(4, part.parts());
            insert.setInt(5, part.lines().size());
            insert.executeUpdate();
        }
    }

    /**
     * The lines of one part in one statement over arrays: a JDBC batch, even rewritten into multi-row inserts, bound
     * every value of every row through the driver (a Calendar per timestamp) and sent several statements per part.
     */
    static void insertLines(Connection c, String sessionId, int revision, List<CountedLine> lines) throws SQLException {
        int n = lines.size();
        Object[] ids = new Object[n];
        Object[] quants = new Object[n];
        Object[] skus = new Object[n];
        Object[] bins = new Object[n];
        Object[] lots = new Object[n];
        Object[] trackings = new Object[n];
        Object[] systems = new Object[n];
        Object[] counted = new Object[n];
        Object[] countedAts = new Object[n];
        Object[] costs = new Object[n];
        for (int i = 0; i < n; i++) {
            CountedLine line = lines.get(i);
            ids[i] = line.lineId();
            quants[i] = line.quantId();
            skus[i] = line.sku();
            bins[i] = line.bin();
            lots[i] = line.lot();
            trackings[i] = line.tracking();
            systems[i] = line.systemQuantity();
            counted[i] = line.countedQuantity();
            // ISO-8601 with its offset (Z): PostgreSQL reads it exactly, whatever the session's time zone
            countedAts[i] = line.countedAt().toString();
            costs[i] = line.unitCost();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into session_line (session_id, revision, line_id,"
                + " quant_id, sku, bin_code, lot, tracking, system_quantity, counted_quantity, counted_at, unit_cost)"
                + " select ?, ?, x.* from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::bigint[], ?::bigint[], ?::timestamptz[], ?::numeric[]) as x on conflict do nothing")) {
            insert.setString(1, sessionId);
            insert.setInt(2, revision);
            insert.setArray(3, c.createArrayOf("text", ids));
            insert.setArray(4, c.createArrayOf("text", quants));
            insert.setArray(5, c.createArrayOf("text", skus));
            insert.setArray(6, c.createArrayOf("text", bins));
            insert.setArray(7, c.createArrayOf("text", lots));
            insert.setArray(8, c.createArrayOf("text", trackings));
            insert.setArray(9, c.createArrayOf("bigint", systems));
            insert.setArray(10, c.createArrayOf("bigint", counted));
            insert.setArray(11, c.createArrayOf("text", countedAts));
            insert.setArray(12, c.createArrayOf("numeric", costs));
            insert.executeUpdate();
        }
    }

    static void insertSerials(Connection c, SessionSerialsPart part) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into session_serial_part (session_id, revision, part)"
                + " values (?, ?, ?) on conflict do nothing")) {
            insert.setString(1, part.sessionId());
            insert.setInt(2, part.revision());
            insert.setInt(3, part.part());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into session_serial (session_id, revision, line_id,"
                + " unit, seen) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            for (LineSerial serial : part.serials()) {
                insert.setString(1, part.sessionId());
                insert.setInt(2, part.revision());
                insert.setString(3, serial.lineId());
                // inventory knows an RFID unit by its EPC, any other by its serial
                insert.setString(4, serial.epc() != null ? serial.epc() : serial.serial());
                insert.setBoolean(5, serial.seen());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static int storedSerialParts(Connection c, String sessionId, int revision) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count(*) from session_serial_part"
                + " where session_id = ? and revision = ?")) {
            select.setString(1, sessionId);
            select.setInt(2, revision);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The units the count's active sessions saw in one quant, in order, each once. */
    static List<String> seenUnits(Connection c, String countId, String bin, String sku, String lot)
            throws SQLException {
        List<String> units = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select distinct ss.unit from session_state s"
                + " join session_line l on l.session_id = s.session_id and l.revision = s.revision"
                + " join session_serial ss on ss.session_id = l.session_id and ss.revision = l.revision"
                + "   and ss.line_id = l.line_id"
                + " where s.count_id = ? and l.bin_code = ? and l.sku = ? and l.lot = ? and ss.seen order by ss.unit")) {
            select.setString(1, countId);
            select.setString(2, bin);
            select.setString(3, sku);
            select.setString(4, lot);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    units.add(rs.getString(1));
                }
            }
        }
        return units;
    }

    /** Distinct parts and lines received for one revision. */
    static Stored stored(Connection c, String sessionId, int revision) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select (select count(*) from session_part where session_id = ?"
                + " and revision = ?), (select count(*) from session_line where session_id = ? and revision = ?)")) {
            select.setString(1, sessionId);
            select.setInt(2, revision);
            select.setString(3, sessionId);
            select.setInt(4, revision);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new Stored(rs.getInt(1), rs.getInt(2));
            }
        }
    }

    /** @return false if this revision was already recorded as completed */
    static boolean insertCompletion(Connection c, SessionCompleted s) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into completed_session (session_id, revision, count_id,"
                + " site_code, session_name, count_type, completed_at, completed_by, counted_lines)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            insert.setString(1, s.sessionId());
            insert.setInt(2, s.revision());
            insert.setString(3, s.countId());
            insert.setString(4, s.siteCode());
            insert.setString(5, s.sessionName());
            insert.setString(6, s.countType());
            insert.setTimestamp(7, Timestamp.from(s.completedAt()));
            insert.setString(8, s.completedBy());
            insert.setInt(9, s.countedLines());
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * Makes {@code revision} the session's result (or, with {@code null}, discards it).
     *
     * @return the revision that counted until now, if any
     */
    static Optional<Integer> activate(Connection c, String sessionId, String countId, String site, Integer revision)
            throws SQLException {
        Optional<Integer> previous = Optional.empty();
        try (PreparedStatement select = c.prepareStatement("select revision from session_state where session_id = ?"
                + " for update")) {
            select.setString(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    previous = Optional.ofNullable(rs.getObject(1, Integer.class));
                }
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("insert into session_state (session_id, count_id, site_code,"
                + " revision, discarded) values (?, ?, ?, ?, ?) on conflict (session_id) do update"
                + " set revision = excluded.revision, discarded = excluded.discarded")) {
            upsert.setString(1, sessionId);
            upsert.setString(2, countId);
            upsert.setString(3, site);
            upsert.setObject(4, revision);
            upsert.setBoolean(5, revision == null);
            upsert.executeUpdate();
        }
        return previous;
    }

    /** The revision of the session that counts now, if it is completed and not discarded. */
    static Optional<Integer> activeRevision(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select revision from session_state where session_id = ?")) {
            select.setString(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, Integer.class)) : Optional.empty();
            }
        }
    }

    static boolean isDiscarded(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select discarded from session_state where session_id = ?")) {
            select.setString(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * One quant touched by a change of a session's result: what the count's active sessions now say
     * about it ({@code counted} null when none covers it) and what the count last asked of inventory.
     */
    record QuantChange(String bin, String sku, String lot, Long counted, Instant countedAt, long systemQuantity,
                       BigDecimal unitCost, String lineId, Integer version, Long requestedCounted,
                       Instant requestedAt, boolean serialized) {
    }

    /**
     * Every quant of the session's {@code revisions} (the old and the new result), with the count's
     * new total for it across its active sessions, in one pass of the database.
     */
    static void changedQuants(Connection c, String sessionId, String countId, List<Integer> revisions,
                              SqlConsumer<QuantChange> each) throws SQLException {
        // one pass over the lines of the count's sessions (their active revisions, plus the touched revisions
        // of this session), grouped by quant: no self-join the planner could turn into a nested loop. The result
        // is kept in a temporary table and read from there, because the caller writes count_quant while it
        // reads: a cursor still joined to count_quant slowed to seconds per 2,000 rows on a 100,000-quant count
        try (Statement drop = c.createStatement()) {
            drop.execute("drop table if exists changed_quant");
        }
        try (PreparedStatement create = c.prepareStatement("create temporary table changed_quant on commit drop as"
                + " with quants as ("
                + "   select l.bin_code, l.sku, l.lot,"
                + "     sum(l.counted_quantity) filter (where l.revision = s.revision)::bigint as counted,"
                + "     max(l.counted_at) filter (where l.revision = s.revision) as counted_at,"
                + "     max(l.system_quantity) filter (where l.revision = s.revision) as system_quantity,"
                + "     max(l.unit_cost) as unit_cost,"
                + "     min(l.line_id) filter (where l.revision = s.revision) as line_id,"
                + "     bool_or(l.tracking in ('SERIAL', 'RFID')) as serialized"
                + "   from session_state s join session_line l on l.session_id = s.session_id"
                + "   where s.count_id = ? and (l.revision = s.revision or l.session_id = ? and l.revision = any (?))"
                + "   group by l.bin_code, l.sku, l.lot"
                + "   having bool_or(l.session_id = ? and l.revision = any (?)))"
                + " select t.bin_code, t.sku, t.lot, t.counted, t.counted_at, coalesce(t.system_quantity, 0) as system,"
                + "   t.unit_cost, t.line_id, q.version, q.counted_quantity as requested_counted,"
                + "   q.counted_at as requested_at, t.serialized"
                + " from quants t left join count_quant q"
                + "   on q.count_id = ? and q.bin_code = t.bin_code and q.sku = t.sku and q.lot = t.lot")) {
            java.sql.Array touched = c.createArrayOf("integer", revisions.toArray());
            create.setString(1, countId);
            create.setString(2, sessionId);
            create.setArray(3, touched);
            create.setString(4, sessionId);
            create.setArray(5, touched);
            create.setString(6, countId);
            create.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement("select bin_code, sku, lot, counted, counted_at, system,"
                + " unit_cost, line_id, version, requested_counted, requested_at, serialized from changed_quant"
                + " order by bin_code, sku, lot")) {
            select.setFetchSize(2000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    each.accept(new QuantChange(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, Long.class), instant(rs.getTimestamp(5)), rs.getLong(6), rs.getBigDecimal(7),
                            rs.getString(8), rs.getObject(9, Integer.class), rs.getObject(10, Long.class),
                            instant(rs.getTimestamp(11)), rs.getBoolean(12)));
                }
            }
        }
    }

    @FunctionalInterface
    interface SqlConsumer<T> {
        void accept(T value) throws SQLException;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Gathers the new requests and the count's per-quant state; {@link #flush} writes each table with one
     * statement over arrays (a 100,000-quant completion is then a few hundred statements, not 200,000).
     */
    static final class Requests {

        private final Connection c;
        private final List<AdjustmentRequested> requests = new ArrayList<>();
        private final List<QuantChange> changes = new ArrayList<>();
        private final List<String> causes = new ArrayList<>();

        Requests(Connection c) {
            this.c = c;
        }

        void add(AdjustmentRequested r, QuantChange change, String causedBy) throws SQLException {
            requests.add(r);
            changes.add(change);
            causes.add(causedBy);
            if (requests.size() == 1000) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (requests.isEmpty()) {
                return;
            }
            int n = requests.size();
            Object[] countIds = new Object[n];
            Object[] sites = new Object[n];
            Object[] bins = new Object[n];
            Object[] skus = new Object[n];
            Object[] lots = new Object[n];
            Object[] versions = new Object[n];
            Object[] counted = new Object[n];
            Object[] countedAts = new Object[n];
            Object[] systems = new Object[n];
            Object[] costs = new Object[n];
            Object[] ids = new Object[n];
            Object[] kinds = new Object[n];
            Object[] requestedAts = new Object[n];
            for (int i = 0; i < n; i++) {
                AdjustmentRequested r = requests.get(i);
                boolean count = r.kind().equals(AdjustmentRequested.KIND_COUNT);
                countIds[i] = r.countId();
                sites[i] = r.quant().siteCode();
                bins[i] = r.quant().binCode();
                skus[i] = r.quant().sku();
                lots[i] = r.quant().lot();
                versions[i] = r.countVersion();
                counted[i] = count ? r.countedQuantity() : null;
                // ISO-8601 text, read exactly by PostgreSQL: no Calendar per value in the driver
                countedAts[i] = count ? r.countedAt().toString() : null;
                systems[i] = count ? changes.get(i).systemQuantity() : null;
                costs[i] = changes.get(i).unitCost();
                ids[i] = r.requestId();
                kinds[i] = r.kind();
                requestedAts[i] = r.requestedAt().toString();
            }
            // a quant the count never asked about (the whole of a first completion) is a plain insert; only a quant
            // it asked about before needs the upsert, whose conflict check and speculative insertion cost PostgreSQL
            // ~70 % more per row (the version read in changedQuants is this transaction's view, and one consumer
            // thread writes count_quant, so a quant read as new cannot have been inserted meanwhile)
            boolean[] asked = new boolean[n];
            for (int i = 0; i < n; i++) {
                asked[i] = changes.get(i).version() != null;
            }
            writeQuants(false, asked, countIds, sites, bins, skus, lots, versions, counted, countedAts, systems, costs);
            writeQuants(true, asked, countIds, sites, bins, skus, lots, versions, counted, countedAts, systems, costs);
            try (PreparedStatement adjustment = c.prepareStatement("insert into count_adjustment (request_id, count_id,"
                    + " site_code, bin_code, sku, lot, version, kind, counted_quantity, counted_at, caused_by, status,"
                    + " requested_at) select r, c, s, b, p, l, v, k, q, t, w, 'PENDING', a"
                    + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],"
                    + " ?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::timestamptz[])"
                    + " as x(r, c, s, b, p, l, v, k, q, t, w, a)")) {
                adjustment.setArray(1, c.createArrayOf("text", ids));
                adjustment.setArray(2, c.createArrayOf("text", countIds));
                adjustment.setArray(3, c.createArrayOf("text", sites));
                adjustment.setArray(4, c.createArrayOf("text", bins));
                adjustment.setArray(5, c.createArrayOf("text", skus));
                adjustment.setArray(6, c.createArrayOf("text", lots));
                adjustment.setArray(7, c.createArrayOf("integer", versions));
                adjustment.setArray(8, c.createArrayOf("text", kinds));
                adjustment.setArray(9, c.createArrayOf("bigint", counted));
                adjustment.setArray(10, c.createArrayOf("text", countedAts));
                adjustment.setArray(11, c.createArrayOf("text", causes.toArray()));
                adjustment.setArray(12, c.createArrayOf("text", requestedAts));
                adjustment.executeUpdate();
            }
            requests.clear();
            changes.clear();
            causes.clear();
        }

        /** The count_quant rows of one flush whose {@code asked} flag is {@code upsert}, in one statement. */
        private void writeQuants(boolean upsert, boolean[] asked, Object[]... columns) throws SQLException {
            List<Object[]> selected = new ArrayList<>(columns.length);
            for (Object[] column : columns) {
                List<Object> values = new ArrayList<>(column.length);
                for (int i = 0; i < column.length; i++) {
                    if (asked[i] == upsert) {
                        values.add(column[i]);
                    }
                }
                selected.add(values.toArray());
            }
            if (selected.get(0).length == 0) {
                return;
            }
            try (PreparedStatement quant = c.prepareStatement("insert into count_quant (count_id, site_code, bin_code,"
                    + " sku, lot, version, counted_quantity, counted_at, system_quantity, unit_cost)"
                    + " select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[],"
                    + " ?::bigint[], ?::timestamptz[], ?::bigint[], ?::numeric[])"
                    + (upsert ? " on conflict (count_id, bin_code, sku, lot) do update set version = excluded.version,"
                    + " counted_quantity = excluded.counted_quantity, counted_at = excluded.counted_at,"
                    + " system_quantity = coalesce(excluded.system_quantity, count_quant.system_quantity),"
                    + " unit_cost = coalesce(excluded.unit_cost, count_quant.unit_cost)" : ""))) {
                String[] types = {"text", "text", "text", "text", "text", "integer", "bigint", "text", "bigint",
                    "numeric"};
                for (int i = 0; i < types.length; i++) {
                    quant.setArray(i + 1, c.createArrayOf(types[i], selected.get(i)));
                }
                quant.executeUpdate();
            }
        }
    }
}
