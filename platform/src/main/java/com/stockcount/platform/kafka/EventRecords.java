package com.stockcount.platform.kafka;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Builds and reads the standard envelope of a published event: JSON value, key, headers. */
public final class EventRecords {

    private EventRecords() {
    }

    public static ProducerRecord<String, byte[]> event(String topic, String key, String eventId, String eventType,
                                                       int schemaVersion, Instant occurredAt, String correlationId,
                                                       Object payload) {
        return eventBytes(topic, key, eventId, eventType, schemaVersion, occurredAt, correlationId, Json.write(payload));
    }

    public static ProducerRecord<String, byte[]> eventBytes(String topic, String key, String eventId, String eventType,
                                                            int schemaVersion, Instant occurredAt, String correlationId,
                                                            byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        Headers headers = record.headers();
        add(headers, EventHeaders.EVENT_ID, eventId);
        add(headers, EventHeaders.EVENT_TYPE, eventType);
        add(headers, EventHeaders.SCHEMA_VERSION, Integer.toString(schemaVersion));
        add(headers, EventHeaders.OCCURRED_AT, occurredAt.toString());
        if (correlationId != null) {
            add(headers, EventHeaders.CORRELATION_ID, correlationId);
        }
        return record;
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The event id header; a record without one cannot be de-duplicated and is poison. */
    public static String eventId(ConsumerRecord<?, ?> record) {
        return header(record, EventHeaders.EVENT_ID)
                .orElseThrow(() -> new PoisonRecordException("missing header " + EventHeaders.EVENT_ID));
    }

    public static String eventType(ConsumerRecord<?, ?> record) {
        return header(record, EventHeaders.EVENT_TYPE)
                .orElseThrow(() -> new PoisonRecordException("missing header " + EventHeaders.EVENT_TYPE));
    }

    /** Fails as poison unless the record's schema version is one this consumer understands. */
    public static void requireVersion(ConsumerRecord<?, ?> record, int supported) {
        String version = header(record, EventHeaders.SCHEMA_VERSION)
                .orElseThrow(() -> new PoisonRecordException("missing header " + EventHeaders.SCHEMA_VERSION));
        if (!version.equals(Integer.toString(supported))) {
            throw new PoisonRecordException("unsupported schema version " + version + ", this consumer reads " + supported);
        }
    }

    static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
