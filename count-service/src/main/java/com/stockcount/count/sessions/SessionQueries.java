package com.stockcount.count.sessions;

import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/** Reads of the session read model; the line list pages by line number (keyset), so 100,000 lines stay fast. */
@ApplicationScoped
public class SessionQueries {

    /** The session with its totals: one pass over its lines and one over its open scans (a 100,000-line session has many). */
    private static final String SESSION = "select s.*, l.lines, l.counted_lines, l.units, l.products,"
            + " sc.counted_scans, sc.undirected_scans,"
            + " (select count(*) from session_line l where l.session_id = s.id and s.count_type = 'DIRECTED'"
            + "   and l.counted_quantity is null and (cardinality(s.directed) = 0 or l.sku = any (s.directed))) as uncounted"
            + " from session_view s"
            + " cross join lateral (select count(*) as lines, count(counted_quantity) as counted_lines,"
            + "   coalesce(sum(counted_quantity), 0) as units,"
            + "   count(distinct sku) filter (where counted_quantity is not null) as products"
            + "   from session_line l where l.session_id = s.id) l"
            + " cross join lateral (select count(*) filter (where category = 'COUNTED') as counted_scans,"
            + "   count(*) filter (where category = 'UNDIRECTED') as undirected_scans"
            + "   from session_scan sc where sc.session_id = s.id and not sc.removed) sc";

    @Inject
    DataSource dataSource;

    public SessionView session(String id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }

    public Optional<SessionView> find(String id) {
        List<SessionView> found = sessions(SESSION + " where s.id = ?", id);
        return found.stream().findFirst();
    }

    /** The site of the session, if it exists: what an access check needs, without the totals. */
    public Optional<String> siteOf(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select site from session_view where id = ?")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read session " + id, e);
        }
    }

    public List<SessionView> ofCount(String countId) {
        return sessions(SESSION + " where s.count_id = ? order by s.created_at, s.id", countId);
    }

    public Page<LineView> lines(String sessionId, String after, Integer limit) {
        int size = Page.limit(limit);
        int from = parseCursor(after);
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select * from session_line where session_id = ? and line_no > ? order by line_no limit ?")) {
            query.setString(1, sessionId);
            query.setInt(2, from);
            query.setInt(3, size + 1);
            List<LineView> items = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    items.add(line(rs));
                }
            }
            if (items.size() > size) {
                items = items.subList(0, size);
                return new Page<>(items, items.get(size - 1).id());
            }
            return new Page<>(items, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read lines of session " + sessionId, e);
        }
    }

    public LineView line(String sessionId, String lineId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select * from session_line where session_id = ? and line_no = ?")) {
            query.setString(1, sessionId);
            query.setInt(2, Integer.parseInt(lineId));
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("line", lineId);
                }
                return line(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read line " + lineId + " of session " + sessionId, e);
        }
    }

    /**
     * The line a product is counted on: by SKU or parent name, in {@code bin} when it has a line there,
     * else its first line in the session.
     */
    public Optional<String> lineOf(String sessionId, boolean byParent, String value, String bin) {
        String column = byParent ? "parent" : "sku";
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select line_no from session_line where session_id = ? and " + column + " = ?"
                        + " order by (bin = ?) desc, line_no limit 1")) {
            query.setString(1, sessionId);
            query.setString(2, value);
            query.setString(3, bin == null ? "" : bin);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(Integer.toString(rs.getInt(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find a line of " + value, e);
        }
    }

    private static int parseCursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw ProblemException.badField("after", "not a cursor of this list: " + after);
        }
    }

    private List<SessionView> sessions(String sql, String param) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, param);
            List<SessionView> found = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    long lines = rs.getLong("lines");
                    long counted = rs.getLong("counted_lines");
                    long countedScans = rs.getLong("counted_scans");
                    long undirectedScans = rs.getLong("undirected_scans");
                    boolean directed = "DIRECTED".equals(rs.getString("count_type"));
                    found.add(new SessionView(rs.getString("id"), rs.getString("count_id"), rs.getString("site"),
                            rs.getString("name"), rs.getString("bin"), rs.getString("area"), rs.getString("status"),
                            instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "completed_at"),
                            instant(rs, "discarded_at"), rs.getInt("revision"), lock(rs),
                            rs.getString("count_type"), rs.getString("current_bin"),
                            new SessionView.Totals(lines, counted, lines - counted, rs.getLong("units"),
                                    rs.getLong("unmatched_scans"), rs.getLong("scans"), countedScans + undirectedScans,
                                    rs.getLong("products")),
                            new SessionView.Categories(countedScans, rs.getLong("unmatched_scans"),
                                    directed ? undirectedScans : null, directed ? rs.getLong("uncounted") : null)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read sessions", e);
        }
    }

    private static SessionView.Lock lock(ResultSet rs) throws SQLException {
        String holder = rs.getString("lock_holder");
        return holder == null ? null : new SessionView.Lock(holder, instant(rs, "lock_expires_at"));
    }

    private static LineView line(ResultSet rs) throws SQLException {
        long system = rs.getLong("system_quantity");
        long counted = rs.getLong("counted_quantity");
        boolean blank = rs.wasNull();
        return new LineView(Integer.toString(rs.getInt("line_no")), rs.getString("quant_id"), rs.getString("sku"),
                rs.getString("name"), rs.getString("bin"), rs.getString("area"), rs.getString("lot"),
                rs.getString("tracking"), rs.getBigDecimal("unit_cost"), system,
                blank ? null : counted, blank ? null : counted - system, instant(rs, "counted_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
