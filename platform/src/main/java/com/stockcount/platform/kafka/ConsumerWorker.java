package com.stockcount.platform.kafka;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.Topics;
import com.stockcount.platform.json.MalformedPayloadException;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer on its own thread that processes records one by one, in partition order, and
 * commits an offset only after its record was processed. So a crash at any moment re-delivers at
 * most what was not yet committed, and the idempotent handler absorbs that.
 *
 * <p>A poison record (the handler throws {@link PoisonRecordException} or the payload is malformed)
 * is copied to {@code <topic>.dlt} with the reason in headers, then skipped: valid records behind it
 * keep flowing. Any other failure is taken as transient (database or broker down): the record is
 * retried in place with an exponential back-off, and nothing behind it on that partition overtakes it.
 *
 * <p>{@link #batched} workers hand each partition's records of a poll to a {@link BatchHandler} at
 * once; if that batch fails, its records are processed again one by one, with the rules above.
 */
public final class ConsumerWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerWorker.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final String name;
    private final String groupId;
    private final Collection<String> topics;
    private final RecordHandler handler;
    private final BatchHandler batchHandler;
    private final Map<String, Object> consumerOverrides;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final Thread thread;

    private volatile boolean closing;
    private volatile boolean polling;
    private volatile String lastFailure;
    private KafkaConsumer<String, byte[]> consumer;

    public ConsumerWorker(String name, String groupId, Collection<String> topics, RecordHandler handler,
                          Map<String, Object> consumerOverrides) {
        this(name, groupId, topics, handler, null, consumerOverrides);
    }

    /** A worker that applies each partition's records of a poll as one batch (see {@link BatchHandler}). */
    public static ConsumerWorker batched(String name, String groupId, Collection<String> topics, BatchHandler handler,
                                         Map<String, Object> consumerOverrides) {
        return new ConsumerWorker(name, groupId, topics, record -> handler.handle(List.of(record)), handler,
                consumerOverrides);
    }

    private ConsumerWorker(String name, String groupId, Collection<String> topics, RecordHandler handler,
                           BatchHandler batchHandler, Map<String, Object> consumerOverrides) {
        this.name = name;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.consumerOverrides = Map.copyOf(consumerOverrides);
        this.deadLetters = KafkaClients.producer(name + "-dlt", Map.of());
        this.thread = new Thread(this::run, "consumer-" + name);
    }

    public ConsumerWorker start() {
        thread.start();
        return this;
    }

    public String name() {
        return name;
    }

    /** True while the loop is alive and not stuck retrying a failing record. */
    public boolean healthy() {
        return thread.isAlive() && lastFailure == null;
    }

    public boolean started() {
        return polling;
    }

    /** Why the current record keeps failing, or {@code null}. */
    public String lastFailure() {
        return lastFailure;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(groupId, name, consumerOverrides)) {
            consumer = c;
            c.subscribe(topics);
            while (!closing) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                polling = true;
                if (processBatch(c, records)) {
                    backoff = Duration.ofMillis(100);
                } else {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                LOG.errorf(e, "consumer %s woken up unexpectedly", name);
            }
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            LOG.errorf(e, "consumer %s stopped", name);
        } finally {
            polling = false;
        }
    }

    /** @return false when a record failed transiently and the batch must be retried after a back-off */
    private boolean processBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        List<TopicPartition> partitions = List.copyOf(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            TopicPartition partition = partitions.get(p);
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            if (batchHandler != null && batch.size() > 1 && !closing && applyAsBatch(batch)) {
                done.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
                continue;
            }
            for (ConsumerRecord<String, byte[]> record : batch) {
                if (closing) {
                    rewind(c, records, partitions, p, record.offset(), done);
                    return true;
                }
                try {
                    handler.handle(record);
                    count("processed");
                } catch (PoisonRecordException | MalformedPayloadException e) {
                    if (!deadLetter(record, e.getMessage())) {
                        rewind(c, records, partitions, p, record.offset(), done);
                        return false;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    lastFailure = e.toString();
                    count("retried");
                    LOG.warnf(e, "consumer %s: %s-%d@%d failed, will retry", name, record.topic(), record.partition(),
                            record.offset());
                    rewind(c, records, partitions, p, record.offset(), done);
                    return false;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            c.commitSync(done);
        }
        lastFailure = null;
        return true;
    }

    /** @return false when the batch failed: its records are then processed one by one */
    private boolean applyAsBatch(List<ConsumerRecord<String, byte[]>> batch) {
        try {
            batchHandler.handle(batch);
            count("processed", batch.size());
            return true;
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            Metrics.counter("stockcount.consumer.batches.split", "consumer", name).increment();
            LOG.debugf(e, "consumer %s: a batch of %d records failed, processing them one by one", name, batch.size());
            return false;
        }
    }

    /** Commits what was processed and seeks every unprocessed partition back to its first unprocessed record. */
    private void rewind(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records,
                        List<TopicPartition> partitions, int failedIndex, long failedOffset,
                        Map<TopicPartition, OffsetAndMetadata> done) {
        if (!done.isEmpty()) {
            c.commitSync(done);
        }
        c.seek(partitions.get(failedIndex), failedOffset);
        for (int q = failedIndex + 1; q < partitions.size(); q++) {
            TopicPartition later = partitions.get(q);
            c.seek(later, records.records(later).get(0).offset());
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        String why = reason == null ? "unreadable record" : reason;
        LOG.warnf("consumer %s: %s-%d@%d is poison, dead-lettered: %s", name, record.topic(), record.partition(),
                record.offset(), why);
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(Topics.deadLetterOf(record.topic()), record.key(),
                record.value());
        record.headers().forEach(h -> parked.headers().add(h));
        EventRecords.add(parked.headers(), EventHeaders.DLT_REASON, why);
        EventRecords.add(parked.headers(), EventHeaders.DLT_SOURCE_TOPIC, record.topic());
        EventRecords.add(parked.headers(), EventHeaders.DLT_SOURCE_PARTITION, Integer.toString(record.partition()));
        EventRecords.add(parked.headers(), EventHeaders.DLT_SOURCE_OFFSET, Long.toString(record.offset()));
        EventRecords.add(parked.headers(), EventHeaders.DLT_CONSUMER_GROUP, groupId);
        try {
            deadLetters.send(parked).get(30, TimeUnit.SECONDS);
            count("dead-lettered");
            return true;
        } catch (Exception e) {
            lastFailure = "cannot dead-letter: " + e;
            LOG.errorf(e, "consumer %s cannot write to the dead-letter topic; retrying", name);
            return false;
        }
    }

    private void count(String outcome) {
        count(outcome, 1);
    }

    private void count(String outcome, int records) {
        Metrics.counter("stockcount.consumer.records", "consumer", name, "outcome", outcome).increment(records);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(5));
    }
}
