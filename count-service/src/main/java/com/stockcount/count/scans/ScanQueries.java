package com.stockcount.count.scans;

import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads of {@code session_scan}: the categories of seed 2, paged by arrival (keyset on the scan row id). */
@ApplicationScoped
public class ScanQueries {

    public enum Category { COUNTED, UNMATCHED, UNDIRECTED, UNCOUNTED, DISMISSED }

    private static final String SCAN = "select sc.*, l.sku from session_scan sc left join session_line l"
            + " on l.session_id = sc.session_id and l.line_no = sc.line_no";
    private static final String MATCHED = "sc.category in ('COUNTED', 'UNDIRECTED')";

    @Inject
    DataSource dataSource;

    public Page<ScanView> list(String sessionId, Category category, String after, Integer limit) {
        int size = Page.limit(limit);
        long from = cursor(after);
        if (category == Category.UNCOUNTED) {
            return uncounted(sessionId, from, size);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                SCAN + " where sc.session_id = ? and not sc.removed and sc.id > ?"
                        + (category == null ? "" : " and sc.category = ?") + " order by sc.id limit ?")) {
            int i = 1;
            query.setString(i++, sessionId);
            query.setLong(i++, from);
            if (category != null) {
                query.setString(i++, category.name());
            }
            query.setInt(i, size + 1);
            List<Long> rows = new ArrayList<>();
            List<ScanView> items = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong("id"));
                    items.add(scan(rs));
                }
            }
            String next = null;
            if (items.size() > size) {
                items = new ArrayList<>(items.subList(0, size));
                next = Long.toString(rows.get(size - 1));
            }
            for (int k = 0; k < items.size(); k++) {
                if ("UNMATCHED".equals(items.get(k).category())) {
                    items.set(k, items.get(k).with(context(c, sessionId, rows.get(k))));
                }
            }
            return new Page<>(items, next);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read scans of session " + sessionId, e);
        }
    }

    /** The scan as the projection recorded it, removed or not, if the session has it. */
    public Optional<ScanView> find(String sessionId, String observationId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                SCAN + " where sc.session_id = ? and sc.observation_id = ? and not sc.removed")) {
            query.setString(1, sessionId);
            query.setString(2, observationId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(scan(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read scan " + observationId, e);
        }
    }

    public ScanView scan(String sessionId, String observationId) {
        return find(sessionId, observationId).orElseThrow(() -> ProblemException.notFound("scan", observationId));
    }

    private Page<ScanView> uncounted(String sessionId, long from, int size) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select l.line_no, l.sku, l.bin from session_line l join session_view s on s.id = l.session_id"
                        + " where l.session_id = ? and s.count_type = 'DIRECTED' and l.counted_quantity is null"
                        + " and (cardinality(s.directed) = 0 or l.sku = any (s.directed)) and l.line_no > ?"
                        + " order by l.line_no limit ?")) {
            query.setString(1, sessionId);
            query.setLong(2, from);
            query.setInt(3, size + 1);
            List<ScanView> items = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    items.add(new ScanView(null, "UNCOUNTED", null, null, null, null, null, rs.getString("bin"),
                            Integer.toString(rs.getInt("line_no")), rs.getString("sku"), null, null, null));
                }
            }
            if (items.size() > size) {
                items = items.subList(0, size);
                return new Page<>(items, items.get(size - 1).lineId());
            }
            return new Page<>(items, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read uncounted lines of session " + sessionId, e);
        }
    }

    private ScanView.Context context(Connection c, String sessionId, long row) throws SQLException {
        long ago;
        try (PreparedStatement query = c.prepareStatement(
                "select count(*) from session_scan sc where sc.session_id = ? and not sc.removed and sc.id > ?")) {
            query.setString(1, sessionId);
            query.setLong(2, row);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                ago = rs.getLong(1);
            }
        }
        return new ScanView.Context(ago, neighbour(c, sessionId, row, "<", "desc"), neighbour(c, sessionId, row, ">", "asc"));
    }

    private ScanView neighbour(Connection c, String sessionId, long row, String side, String order) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SCAN + " where sc.session_id = ? and not sc.removed and "
                + MATCHED + " and sc.id " + side + " ? order by sc.id " + order + " limit 1")) {
            query.setString(1, sessionId);
            query.setLong(2, row);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? scan(rs) : null;
            }
        }
    }

    private static ScanView scan(ResultSet rs) throws SQLException {
        int line = rs.getInt("line_no");
        boolean noLine = rs.wasNull();
        Timestamp at = rs.getTimestamp("observed_at");
        return new ScanView(rs.getString("observation_id"), rs.getString("category"), rs.getString("kind"),
                rs.getString("code"), rs.getString("gtin"), rs.getString("serial"), rs.getString("epc"),
                rs.getString("bin"), noLine ? null : Integer.toString(line), rs.getString("sku"), rs.getString("reason"),
                at.toInstant(), null);
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.badField("after", "not a cursor of this list: " + after);
        }
    }
}
