package com.stockcount.count.counts;

import com.stockcount.count.sessions.SessionQueries;
import com.stockcount.count.sessions.SessionView;
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
import javax.sql.DataSource;

/** Reads of {@code count_view}; lists page by id (keyset). */
@ApplicationScoped
public class CountQueries {

    @Inject
    DataSource dataSource;
    @Inject
    SessionQueries sessions;

    public CountView count(String id) {
        List<CountView> found = query("select * from count_view where id = ?", List.of(id), 1);
        if (found.isEmpty()) {
            throw ProblemException.notFound("count", id);
        }
        return found.get(0);
    }

    /** Counts of one site, or of all the {@code granted} sites when {@code site} is absent. */
    public Page<CountView> list(String site, java.util.Set<String> granted, String after, Integer limit) {
        int size = Page.limit(limit);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from count_view where site = any (?)");
        params.add(granted.toArray(String[]::new));
        if (site != null && !site.isBlank()) {
            sql.append(" and site = ?");
            params.add(site);
        }
        if (after != null && !after.isBlank()) {
            sql.append(" and id > ?");
            params.add(after);
        }
        sql.append(" order by id limit ?");
        params.add(size + 1);
        List<CountView> items = query(sql.toString(), params, size + 1);
        if (items.size() > size) {
            items = items.subList(0, size);
            return new Page<>(items, items.get(size - 1).id());
        }
        return new Page<>(items, null);
    }

    private List<CountView> query(String sql, List<Object> params, int max) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof String[] values) {
                    query.setArray(i + 1, c.createArrayOf("varchar", values));
                } else {
                    query.setObject(i + 1, params.get(i));
                }
            }
            List<CountView> found = new ArrayList<>(Math.min(max, 100));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    List<SessionView> ofCount = sessions.ofCount(id);
                    found.add(new CountView(id, rs.getString("site"), rs.getString("name"), rs.getString("type"),
                            rs.getString("bin"), instant(rs, "planned_start"), rs.getString("notes"),
                            List.of((String[]) rs.getArray("directed").getArray()), instant(rs, "created_at"), CountView.Progress.of(ofCount), ofCount));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read counts", e);
        }
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
