package com.stockcount.platform.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The idempotency record of a consumer: an event id is inserted in the same transaction as the
 * event's effect, so either both happened or neither did, and a redelivery finds the id and does nothing.
 * Table {@code processed_event}, created by the platform migration.
 */
public final class ProcessedEvents {

    private ProcessedEvents() {
    }

    /** @return true the first time this consumer sees the event id; false for a redelivery */
    public static boolean firstDelivery(Connection connection, String consumer, String eventId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        }
    }

    /**
     * The batch form of {@link #firstDelivery}: records every id in one statement.
     *
     * @return the ids this consumer had not processed before (a redelivered id, or one repeated in
     *         {@code eventIds}, is returned at most once and only if it is new)
     */
    public static Set<String> firstDeliveries(Connection connection, String consumer, Collection<String> eventIds)
            throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (eventIds.isEmpty()) {
            return fresh;
        }
        Array ids = connection.createArrayOf("text", eventIds.toArray());
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into processed_event (consumer, event_id) select distinct ?, id from unnest(?) as t(id) "
                        + "on conflict do nothing returning event_id")) {
            insert.setString(1, consumer);
            insert.setArray(2, ids);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    fresh.add(rows.getString(1));
                }
            }
        } finally {
            ids.free();
        }
        return fresh;
    }
}
