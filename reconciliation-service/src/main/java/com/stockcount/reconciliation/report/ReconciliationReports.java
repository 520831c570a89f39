package com.stockcount.reconciliation.report;

import com.stockcount.platform.rest.Page;
import com.stockcount.reconciliation.adjustment.AdjustmentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the reconciliation of a session: always its latest completed revision, whose result replaced
 * the earlier ones. Lines are paged by line id so a 100,000-line session never loads at once.
 */
@ApplicationScoped
public class ReconciliationReports {

    @Inject
    DataSource dataSource;

    private record Session(String sessionId, String countId, String site, int revision, Instant completedAt,
                           long countedLines) {
    }

    public Optional<ReconciliationReport> report(String sessionId, int firstPageSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Session> found = latest(c, sessionId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Session s = found.get();
            ReconciliationSummary summary = summary(c, s);
            long pending = summary.adjustmentsRequested() - summary.adjustmentsApplied() - summary.adjustmentsFailed();
            return Optional.of(new ReconciliationReport(s.sessionId(), s.countId(), s.site(), s.revision(),
                    s.completedAt(), ReconciliationStatus.of(pending, summary.adjustmentsFailed()),
                    lines(c, s, null, firstPageSize), summary));
        }
    }

    public Optional<Page<ReconciliationLine>> lines(String sessionId, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Session> found = latest(c, sessionId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(lines(c, found.get(), after, limit));
        }
    }

    private static Optional<Session> latest(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count_id, site_code, revision, completed_at,"
                + " counted_lines from completed_session where session_id = ? order by revision desc limit 1")) {
            select.setString(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(sessionId, rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), rs.getLong(5)));
            }
        }
    }

    private static ReconciliationSummary summary(Connection c, Session s) throws SQLException {
        long linesWithVariance;
        long units;
        BigDecimal value;
        try (PreparedStatement select = c.prepareStatement("select count(*) filter (where counted_quantity <> system_quantity),"
                + " coalesce(sum(abs(counted_quantity - system_quantity)), 0),"
                + " coalesce(sum(abs(counted_quantity - system_quantity) * coalesce(unit_cost, 0)), 0)"
                + " from session_line where session_id = ? and revision = ?")) {
            select.setString(1, s.sessionId());
            select.setInt(2, s.revision());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                linesWithVariance = rs.getLong(1);
                units = rs.getLong(2);
                value = rs.getBigDecimal(3);
            }
        }
        try (PreparedStatement select = c.prepareStatement("select count(*), count(*) filter (where status = 'APPLIED'),"
                + " count(*) filter (where status = 'FAILED') from adjustment where session_id = ? and revision = ?")) {
            select.setString(1, s.sessionId());
            select.setInt(2, s.revision());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new ReconciliationSummary(s.countedLines(), linesWithVariance, rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), ReconciliationSummary.accuracy(s.countedLines(), linesWithVariance), units, value);
            }
        }
    }

    private static Page<ReconciliationLine> lines(Connection c, Session s, String after, int limit) throws SQLException {
        List<ReconciliationLine> items = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select l.line_id, l.sku, l.bin_code, l.lot, l.tracking,"
                + " l.system_quantity, l.counted_quantity, l.unit_cost, l.counted_at, a.request_id, a.status,"
                + " a.applied_delta, a.quantity_after, a.applied_at, a.failure_reason"
                + " from session_line l left join adjustment a"
                + " on a.session_id = l.session_id and a.revision = l.revision and a.line_id = l.line_id"
                + " where l.session_id = ? and l.revision = ? and l.line_id > ? order by l.line_id limit ?")) {
            select.setString(1, s.sessionId());
            select.setInt(2, s.revision());
            select.setString(3, after == null ? "" : after);
            select.setInt(4, limit + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(line(rs));
                }
            }
        }
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        List<ReconciliationLine> page = List.copyOf(items.subList(0, limit));
        return new Page<>(page, page.get(limit - 1).lineId());
    }

    private static ReconciliationLine line(ResultSet rs) throws SQLException {
        long system = rs.getLong(6);
        long counted = rs.getLong(7);
        long variance = counted - system;
        BigDecimal unitCost = rs.getBigDecimal(8);
        String status = rs.getString(11);
        return new ReconciliationLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), system, counted, variance, unitCost,
                unitCost == null ? null : unitCost.multiply(BigDecimal.valueOf(variance)),
                rs.getTimestamp(9).toInstant(), rs.getString(10),
                status == null ? null : AdjustmentStatus.valueOf(status),
                rs.getObject(12, Long.class), rs.getObject(13, Long.class),
                instant(rs.getTimestamp(14)), rs.getString(15));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
