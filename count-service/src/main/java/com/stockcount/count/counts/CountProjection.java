package com.stockcount.count.counts;

import com.stockcount.count.counts.domain.CountCreated;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventHandler;

/** Keeps {@code count_view}; runs in the command's transaction (subscribing processor). */
@Singleton
public class CountProjection {

    @Inject
    DataSource dataSource;

    @EventHandler
    public void on(CountCreated event) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into count_view (id, site, name, type, bin, planned_start, notes, created_at, directed)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.countId());
            insert.setString(2, event.site());
            insert.setString(3, event.name());
            insert.setString(4, event.type().name());
            insert.setString(5, event.bin());
            insert.setTimestamp(6, Timestamp.from(event.plannedStart()));
            insert.setString(7, event.notes());
            insert.setTimestamp(8, Timestamp.from(event.createdAt()));
            insert.setArray(9, c.createArrayOf("text", event.directed().toArray()));
            insert.executeUpdate();
        }
    }
}
