package com.stockcount.platform.outbox;

import com.stockcount.platform.json.Json;
import java.time.Instant;

/** A Kafka event written to the outbox table in the transaction of the change it announces. */
public record OutboxMessage(String topic, String key, String eventId, String eventType, int schemaVersion,
                            Instant occurredAt, String correlationId, byte[] payload) {

    public static OutboxMessage of(String topic, String key, String eventId, String eventType, int schemaVersion,
                                   Instant occurredAt, String correlationId, Object payload) {
        return new OutboxMessage(topic, key, eventId, eventType, schemaVersion, occurredAt, correlationId,
                Json.write(payload));
    }
}
