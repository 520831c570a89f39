package com.stockcount.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
}
