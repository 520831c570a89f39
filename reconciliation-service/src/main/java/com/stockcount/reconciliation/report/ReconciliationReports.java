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
 * Reads the reconciliation of a session (its latest completed revision, which replaced the earlier
 * ones) or of a count (the quants its active sessions cover). Each line shows the latest request
 * the count made for its quant. Lines are paged so a 100,000-line session never loads at once.
 */
@ApplicationScoped
public class ReconciliationReports {

    /** The latest request of the count for a line's quant, joined to every line. */
    private static final String LATEST_REQUEST = " left join lateral (select a.request_id, a.status, a.quantity_at_count,"
            + " a.count_correction, a.quantity_after, a.applied_at, a.failure_reason, a.counted_quantity"
            + " from count_adjustment a where a.count_id = ? and a.bin_code = %1$s.bin_code and a.sku = %1$s.sku"
            + " and a.lot = %1$s.lot order by a.version desc limit 1) r on true";

    /**
     * The same for a summary over every line: the count's latest requests picked in one pass and hash-joined.
     * The lateral form, one index probe per line, took minutes on a 100,000-line session while the table's
     * statistics still described it empty (the planner probed it with scans).
     */
    private static final String LATEST_REQUESTS = " left join (select distinct on (a.bin_code, a.sku, a.lot)"
            + " a.bin_code, a.sku, a.lot, a.request_id, a.status from count_adjustment a where a.count_id = ?"
            + " order by a.bin_code, a.sku, a.lot, a.version desc) r"
            + " on r.bin_code = %1$s.bin_code and r.sku = %1$s.sku and r.lot = %1$s.lot";

    @Inject
    DataSource dataSource;

    private record Session(String sessionId, String countId, String site, int revision, Instant completedAt,
                           long countedLines, boolean discarded) {
    }

    public Optional<ReconciliationReport> sessionReport(String sessionId, int firstPageSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Session> found = latest(c, sessionId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Session s = found.get();
            ReconciliationSummary summary = summary(c, "select count(*), count(*) filter (where l.counted_quantity"
                    + " <> l.system_quantity), coalesce(sum(abs(l.counted_quantity - l.system_quantity)), 0),"
                    + " coalesce(sum(abs(l.counted_quantity - l.system_quantity) * coalesce(l.unit_cost, 0)), 0),"
                    + STATUS_COUNTS + " from session_line l" + LATEST_REQUESTS.formatted("l")
                    + " where l.session_id = ? and l.revision = ?", s.countId(), s.sessionId(), s.revision());
            ReconciliationStatus status = s.discarded() ? ReconciliationStatus.DISCARDED
                    : ReconciliationStatus.of(summary.adjustmentsPending(), summary.adjustmentsFailed());
            return Optional.of(new ReconciliationReport(s.sessionId(), s.countId(), s.site(), s.revision(),
                    s.completedAt(), status, sessionLines(c, s, null, firstPageSize), summary));
        }
    }

    public Optional<Page<ReconciliationLine>> sessionLines(String sessionId, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<Session> found = latest(c, sessionId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(sessionLines(c, found.get(), after, limit));
        }
    }

    public Optional<ReconciliationReport> countReport(String countId, int firstPageSize) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> site = countSite(c, countId);
            if (site.isEmpty()) {
                return Optional.empty();
            }
            ReconciliationSummary summary = summary(c, "select count(*), count(*) filter (where q.counted_quantity"
                    + " <> q.system_quantity), coalesce(sum(abs(q.counted_quantity - q.system_quantity)), 0),"
                    + " coalesce(sum(abs(q.counted_quantity - q.system_quantity) * coalesce(q.unit_cost, 0)), 0),"
                    + STATUS_COUNTS + " from count_quant q" + LATEST_REQUESTS.formatted("q")
                    + " where q.count_id = ? and q.counted_quantity is not null", countId, countId, null);
            Instant completedAt = null;
            try (PreparedStatement select = c.prepareStatement("select max(completed_at) from completed_session"
                    + " where count_id = ?")) {
                select.setString(1, countId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    completedAt = instant(rs.getTimestamp(1));
                }
            }
            return Optional.of(new ReconciliationReport(null, countId, site.get(), 0, completedAt,
                    ReconciliationStatus.of(summary.adjustmentsPending(), summary.adjustmentsFailed()),
                    countLines(c, countId, null, firstPageSize), summary));
        }
    }

    public Optional<Page<ReconciliationLine>> countLines(String countId, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (countSite(c, countId).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(countLines(c, countId, after, limit));
        }
    }

    private static final String STATUS_COUNTS = " count(r.request_id), count(*) filter (where r.status = 'APPLIED'),"
            + " count(*) filter (where r.status = 'FAILED'), count(*) filter (where r.status = 'PENDING')";

    private static ReconciliationSummary summary(Connection c, String sql, String countId, String key, Integer revision)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, countId);
            select.setString(2, key);
            if (revision != null) {
                select.setInt(3, revision);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long counted = rs.getLong(1);
                long withVariance = rs.getLong(2);
                return new ReconciliationSummary(counted, withVariance, rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getLong(8), ReconciliationSummary.accuracy(counted, withVariance), rs.getLong(3),
                        rs.getBigDecimal(4));
            }
        }
    }

    private static Optional<Session> latest(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select cs.count_id, cs.site_code, cs.revision,"
                + " cs.completed_at, cs.counted_lines, coalesce(st.discarded, false) from completed_session cs"
                + " left join session_state st on st.session_id = cs.session_id"
                + " where cs.session_id = ? order by cs.revision desc limit 1")) {
            select.setString(1, sessionId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(sessionId, rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getBoolean(6)));
            }
        }
    }

    private static Optional<String> countSite(Connection c, String countId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select site_code from session_state where count_id = ?"
                + " and revision is not null or count_id = ? and discarded limit 1")) {
            select.setString(1, countId);
            select.setString(2, countId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Page<ReconciliationLine> sessionLines(Connection c, Session s, String after, int limit)
            throws SQLException {
        List<ReconciliationLine> items = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select l.line_id, l.sku, l.bin_code, l.lot, l.tracking,"
                + " l.system_quantity, l.counted_quantity, l.unit_cost, l.counted_at, r.counted_quantity, r.request_id,"
                + " r.status, r.quantity_at_count, r.count_correction, r.quantity_after, r.applied_at, r.failure_reason"
                + " from session_line l" + LATEST_REQUEST.formatted("l")
                + " where l.session_id = ? and l.revision = ? and l.line_id > ? order by l.line_id limit ?")) {
            select.setString(1, s.countId());
            select.setString(2, s.sessionId());
            select.setInt(3, s.revision());
            select.setString(4, after == null ? "" : after);
            select.setInt(5, limit + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(line(rs, rs.getString(1), rs.getString(5)));
                }
            }
        }
        return page(items, limit, ReconciliationLine::lineId);
    }

    /** One row per quant the count covers, by the order the count first asked for it. */
    private static Page<ReconciliationLine> countLines(Connection c, String countId, String after, int limit)
            throws SQLException {
        List<ReconciliationLine> items = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("select q.id, q.sku, q.bin_code, q.lot, null,"
                + " coalesce(q.system_quantity, 0), q.counted_quantity, q.unit_cost, q.counted_at, r.counted_quantity,"
                + " r.request_id, r.status, r.quantity_at_count, r.count_correction, r.quantity_after, r.applied_at,"
                + " r.failure_reason from count_quant q" + LATEST_REQUEST.formatted("q")
                + " where q.count_id = ? and q.id > ? order by q.id limit ?")) {
            select.setString(1, countId);
            select.setString(2, countId);
            select.setLong(3, after == null || after.isBlank() ? 0 : parseCursor(after));
            select.setInt(4, limit + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    items.add(line(rs, Long.toString(rs.getLong(1)), null));
                }
            }
        }
        return page(items, limit, ReconciliationLine::lineId);
    }

    private static long parseCursor(String after) {
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw com.stockcount.platform.rest.ProblemException.badField("after", "not a cursor of this list: " + after);
        }
    }

    private static Page<ReconciliationLine> page(List<ReconciliationLine> items, int limit,
                                                 java.util.function.Function<ReconciliationLine, String> cursor) {
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        List<ReconciliationLine> page = List.copyOf(items.subList(0, limit));
        return new Page<>(page, cursor.apply(page.get(limit - 1)));
    }

    private static ReconciliationLine line(ResultSet rs, String id, String tracking) throws SQLException {
        long system = rs.getLong(6);
        Long counted = rs.getObject(7, Long.class);
        Long variance = counted == null ? null : counted - system;
        BigDecimal unitCost = rs.getBigDecimal(8);
        String status = rs.getString(12);
        return new ReconciliationLine(id, rs.getString(2), rs.getString(3), rs.getString(4), tracking, system, counted,
                variance, unitCost, unitCost == null || variance == null ? null
                        : unitCost.multiply(BigDecimal.valueOf(variance)),
                instant(rs.getTimestamp(9)), variance, rs.getObject(10, Long.class), rs.getString(11),
                status == null ? null : AdjustmentStatus.valueOf(status), rs.getObject(13, Long.class),
                rs.getObject(14, Long.class), rs.getObject(15, Long.class), instant(rs.getTimestamp(16)),
                rs.getString(17));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
