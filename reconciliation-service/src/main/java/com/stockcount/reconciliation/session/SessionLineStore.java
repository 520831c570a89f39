package com.stockcount.reconciliation.session;

import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.reconciliation.adjustment.AdjustmentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

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

    static void insertLines(Connection c, String sessionId, int revision, List<CountedLine> lines) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into session_line (session_id, revision, line_id,"
                + " quant_id, sku, bin_code, lot, tracking, system_quantity, counted_quantity, counted_at, unit_cost)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            for (CountedLine line : lines) {
                insert.setString(1, sessionId);
                insert.setInt(2, revision);
                insert.setString(3, line.lineId());
                insert.setString(4, line.quantId());
                insert.setString(5, line.sku());
                insert.setString(6, line.bin());
                insert.setString(7, line.lot());
                insert.setString(8, line.tracking());
                insert.setLong(9, line.systemQuantity());
                insert.setLong(10, line.countedQuantity());
                insert.setTimestamp(11, Timestamp.from(line.countedAt()));
                insert.setBigDecimal(12, line.unitCost());
                insert.addBatch();
            }
            insert.executeBatch();
        }
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

    /** A counted line and the deltas earlier revisions already requested for it (refused ones excluded). */
    record LineToReconcile(CountedLine line, long alreadyRequested) {
    }

    /** The lines of a revision whose variance is not yet fully requested. */
    static List<LineToReconcile> linesToReconcile(Connection c, String sessionId, int revision) throws SQLException {
        List<LineToReconcile> lines = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select l.line_id, l.quant_id, l.sku, l.bin_code, l.lot,"
                + " l.tracking, l.system_quantity, l.counted_quantity, l.counted_at, l.unit_cost, coalesce(a.requested, 0)"
                + " from session_line l left join (select line_id, sum(delta) as requested from adjustment"
                + "   where session_id = ? and revision < ? and status <> 'FAILED' group by line_id) a"
                + " on a.line_id = l.line_id"
                + " where l.session_id = ? and l.revision = ?"
                + " and l.counted_quantity - l.system_quantity <> coalesce(a.requested, 0) order by l.line_id")) {
            select.setString(1, sessionId);
            select.setInt(2, revision);
            select.setString(3, sessionId);
            select.setInt(4, revision);
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lines.add(new LineToReconcile(new CountedLine(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8),
                            rs.getTimestamp(9).toInstant(), rs.getBigDecimal(10)), rs.getLong(11)));
                }
            }
        }
        return lines;
    }

    /** Inserts the requests not yet known and returns those, so nothing is ever sent twice. */
    static List<AdjustmentRequested> insertAdjustments(Connection c, List<AdjustmentRequested> requests)
            throws SQLException {
        if (requests.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement insert = c.prepareStatement("insert into adjustment (request_id, session_id, revision,"
                + " line_id, site_code, bin_code, sku, lot, delta, status, requested_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            for (AdjustmentRequested r : requests) {
                insert.setString(1, r.requestId());
                insert.setString(2, r.sessionId());
                insert.setInt(3, r.revision());
                insert.setString(4, r.lineId());
                insert.setString(5, r.quant().siteCode());
                insert.setString(6, r.quant().binCode());
                insert.setString(7, r.quant().sku());
                insert.setString(8, r.quant().lot());
                insert.setLong(9, r.delta());
                insert.setString(10, AdjustmentStatus.PENDING.name());
                insert.setTimestamp(11, Timestamp.from(r.requestedAt()));
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            List<AdjustmentRequested> inserted = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    inserted.add(requests.get(i));
                }
            }
            return inserted;
        }
    }
}
