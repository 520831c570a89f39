package com.stockcount.platform.outbox;

import com.stockcount.platform.kafka.EventRecords;
import io.micrometer.core.instrument.Metrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox table to Kafka in id order and deletes each row only once the broker has
 * acknowledged it: the table is the durable position. A crash between the acknowledgement and
 * the delete republishes a few events with the same event id, which consumers de-duplicate.
 *
 * <p>Each round holds a transaction-scoped advisory lock, so with several instances of a service
 * exactly one relays at a time and per-key order is kept.
 *
 * <p>A round deletes exactly the rows it published, never a range: with several writing transactions, a row
 * with a smaller id can commit after a round read past it, and it must stay to be published by the next round.
 * Rows may therefore be published out of id order across keys; per key, order holds as long as a service writes
 * one key's rows from one transaction at a time (inventory: under the quant's row lock), because a later
 * transaction then draws larger ids and commits after the earlier one.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Payload bytes after which a round stops reading: its rows and their sends are held until acknowledged. */
    static final long ROUND_BYTES = 16L << 20;
    private static final int FETCH_ROWS = 50;

    private final String name;
    private final DataSource dataSource;
    private final KafkaProducer<String, byte[]> producer;
    private final long lockKey;
    private final int batchSize;
    private final Thread thread;
    private volatile boolean closing;
    private volatile String lastFailure;
    /** Whether the last round stopped at its byte budget rather than at the end of the table. */
    private boolean roundFull;

    public OutboxRelay(String name, DataSource dataSource, KafkaProducer<String, byte[]> producer, int batchSize) {
        this.name = name;
        this.dataSource = dataSource;
        this.producer = producer;
        this.lockKey = ("outbox-relay:" + name).hashCode();
        this.batchSize = batchSize;
        this.thread = new Thread(this::run, "outbox-relay-" + name);
        this.thread.setDaemon(true);
    }

    public OutboxRelay start() {
        thread.start();
        return this;
    }

    /** Wakes the relay now instead of at its next poll; call after committing outbox rows. */
    public void nudge() {
        LockSupport.unpark(thread);
    }

    public boolean healthy() {
        return thread.isAlive() && lastFailure == null;
    }

    public String lastFailure() {
        return lastFailure;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (!closing) {
            try {
                int sent = relayOnce();
                lastFailure = null;
                backoff = Duration.ofMillis(100);
                // a round cut short by its row or byte budget leaves rows waiting: go on at once
                if (sent < batchSize && !roundFull) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            } catch (Exception e) {
                lastFailure = e.toString();
                LOG.warnf(e, "outbox relay %s failed, retrying in %s", name, backoff);
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                        ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            }
        }
    }

    /** One round: lock, read a batch, send it, wait for every acknowledgement, delete it, commit. */
    int relayOnce() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!tryLock(c)) {
                    c.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                long bytes = 0;
                roundFull = false;
                try (PreparedStatement select = c.prepareStatement(
                        "select id, topic, record_key, event_id, event_type, schema_version, occurred_at,"
                                + " correlation_id, payload from outbox order by id limit ?")) {
                    select.setInt(1, batchSize);
                    // rows may be batches of a few hundred kB: fetched a few at a time, and the round ends once it
                    // holds ROUND_BYTES, so a backlog of large rows never sits in memory at once
                    select.setFetchSize(FETCH_ROWS);
                    try (ResultSet rs = select.executeQuery()) {
                        while (bytes < ROUND_BYTES && rs.next()) {
                            byte[] payload = rs.getBytes(9);
                            bytes += payload.length;
                            ids.add(rs.getLong(1));
                            acks.add(producer.send(EventRecords.eventBytes(rs.getString(2), rs.getString(3),
                                    rs.getString(4), rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(),
                                    rs.getString(8), payload)));
                        }
                    }
                }
                roundFull = bytes >= ROUND_BYTES;
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(60, TimeUnit.SECONDS);
                }
                try (PreparedStatement delete = c.prepareStatement("delete from outbox where id = any (?)")) {
                    delete.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                    delete.executeUpdate();
                }
                c.commit();
                Metrics.counter("stockcount.outbox.published", "relay", name).increment(ids.size());
                return ids.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
