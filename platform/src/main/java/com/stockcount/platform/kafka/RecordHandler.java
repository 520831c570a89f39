package com.stockcount.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Processes one record, idempotently: the same record may be delivered again after a crash.
 * Throw {@link PoisonRecordException} (or let {@link com.stockcount.platform.json.MalformedPayloadException}
 * escape) for a record that can never succeed; any other exception is taken as transient and the
 * record is retried, in order, after a back-off.
 */
@FunctionalInterface
public interface RecordHandler {

    void handle(ConsumerRecord<String, byte[]> record) throws Exception;
}
