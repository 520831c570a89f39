package com.stockcount.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;

/**
 * Writes events to the {@code outbox} table on the caller's connection, so they commit or roll back
 * with the change they describe; {@link OutboxRelay} publishes them afterwards.
 */
public final class Outbox {

    private static final String INSERT = "insert into outbox (topic, record_key, event_id, event_type, schema_version,"
            + " occurred_at, correlation_id, payload) values (?, ?, ?, ?, ?, ?, ?, ?)";

    private Outbox() {
    }

    public static void append(Connection connection, OutboxMessage message) throws SQLException {
        appendAll(connection, java.util.List.of(message));
    }

    public static void appendAll(Connection connection, Collection<OutboxMessage> messages) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OutboxMessage m : messages) {
                insert.setString(1, m.topic());
                insert.setString(2, m.key());
                insert.setString(3, m.eventId());
                insert.setString(4, m.eventType());
                insert.setInt(5, m.schemaVersion());
                insert.setTimestamp(6, Timestamp.from(m.occurredAt()));
                insert.setString(7, m.correlationId());
                insert.setBytes(8, m.payload());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
