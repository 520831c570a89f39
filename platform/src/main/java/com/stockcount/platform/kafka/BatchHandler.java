package com.stockcount.platform.kafka;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Processes the records of one partition from one poll, in offset order, <b>atomically</b>: either
 * all their effects are committed (one database transaction) or none is. That is what lets a
 * consumer apply hundreds of records with a handful of statements instead of a transaction each.
 *
 * <p>When a batch throws, {@link ConsumerWorker} does not know which record was at fault, so it
 * hands the same records back one at a time (a list of one): a poison record is then isolated and
 * dead-lettered alone, and the valid records beside it are applied. A handler therefore must treat a
 * list of one exactly like a longer one, and must stay idempotent (records can be redelivered). A handler
 * may also commit the records it can apply and then throw for the rest (count-service does, for scans of a
 * session no longer being counted): the split hands every record back, and idempotency makes the ones
 * already applied no-ops.
 * Throw {@link PoisonRecordException} for a record that can never succeed; any other exception is
 * taken as transient.
 *
 * <p>All batches of one poll must finish within the consumer's {@code max.poll.interval.ms} (300 s by
 * default) and each within the transaction timeout: write with a few set-based statements per batch,
 * never one statement per record, or lower {@code max.poll.records} for that consumer.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
}
