package com.stockcount.inventory.infrastructure.kafka;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.inventory.OutboxWritten;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.inventory.adjustment.AdjustmentService;
import com.stockcount.inventory.adjustment.CountInstruction;
import com.stockcount.inventory.stock.LedgerPartitions;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.ConsumerWorker;
import com.stockcount.platform.kafka.ConsumerWorkers;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import com.stockcount.platform.kafka.TopicAdmin;
import com.stockcount.platform.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Everything inventory does on Kafka: makes sure its topics exist, relays the outbox (every ledger
 * entry and every refused adjustment) to {@code inventory.ledger.v1}, and consumes
 * {@code inventory.adjustment-request.v1}.
 */
@ApplicationScoped
public class InventoryKafka implements LedgerPartitions {

    static final String GROUP = "inventory-service";

    @Inject
    DataSource dataSource;

    @Inject
    ConsumerWorkers workers;

    @Inject
    AdjustmentService adjustments;

    @ConfigProperty(name = "stockcount.kafka.partitions", defaultValue = "6")
    int partitions;

    @ConfigProperty(name = "stockcount.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @ConfigProperty(name = "stockcount.outbox.batch-size", defaultValue = "500")
    int outboxBatchSize;

    /** Consumers of the request topic in this instance (one thread each, sharing its partitions); see {@link #onStart}. */
    @ConfigProperty(name = "stockcount.inventory.adjustment.consumers", defaultValue = "2")
    int adjustmentConsumers;

    private volatile OutboxRelay relay;
    private volatile KafkaProducer<String, byte[]> producer;

    void onStart(@Observes StartupEvent event) {
        TopicAdmin.ensure(List.of(Topics.INVENTORY_LEDGER, Topics.INVENTORY_ADJUSTMENT_REQUEST,
                Topics.deadLetterOf(Topics.INVENTORY_ADJUSTMENT_REQUEST)), partitions, replicationFactor);
        // a poll of requests writes about two rows each: larger producer batches carry a round in fewer requests
        producer = KafkaClients.producer("inventory-outbox", Map.of("batch.size", 262_144));
        relay = new OutboxRelay("inventory", dataSource, producer, outboxBatchSize).start();
        // Several consumers of one group split the partitions, so PostgreSQL applies two batches at a time instead
        // of one (it is the bottleneck of a large count; one transaction keeps one core busy). Safe because:
        // - order: a quant's requests and UnitsCounted parts all travel in its key's partition, and a partition
        //   is read by one consumer at a time, so each quant's instructions are still applied in order; a
        //   partition taken over in a rebalance is re-read from its committed offset (request ids: duplicates);
        // - no shared rows between two batches on different partitions, except a unit a count moves from a quant
        //   of another partition (UnitsCounted locks that source quant and its unit rows): there two transactions
        //   can wait for each other, PostgreSQL then aborts one (deadlock detected), the whole
        //   transaction rolls back and the worker applies its records again, so nothing is applied half or
        //   twice. Quants are locked in id order, the rest (ledger, anchors, outbox, processed_event) are
        //   inserts of distinct keys, whose FK checks take shared locks only;
        // - per-quant order of the outbox: a quant's rows are written under its lock, so a second transaction
        //   touching it writes (and draws ids) only after the first committed, and the relay publishes by id
        //   (see Ledger#publishAll).
        for (int i = 1; i <= adjustmentConsumers; i++) {
            workers.start(ConsumerWorker.batched("inventory-adjustment-request-" + i, GROUP,
                    List.of(Topics.INVENTORY_ADJUSTMENT_REQUEST), this::handle, Map.of()));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        OutboxRelay r = relay;
        if (r != null) {
            r.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The relay's producer's own rule: the producer that will publish the ledger's records knows where they go. */
    @Override
    public ToIntFunction<QuantKey> current() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            throw new IllegalStateException("the outbox producer is not started yet");
        }
        ToIntFunction<String> partitionOfKey = KafkaClients.keyPartitions(p, Topics.INVENTORY_LEDGER);
        return quant -> partitionOfKey.applyAsInt(quant.asString());
    }

    /** Publishes right after the commit instead of at the relay's next poll. */
    void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten event) {
        OutboxRelay r = relay;
        if (r != null) {
            r.nudge();
        }
    }

    /**
     * A partition's records of one poll, applied in one transaction. A record that cannot be read fails
     * the batch; the worker then hands the records back one by one and that one is dead-lettered alone.
     */
    private void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<CountInstruction> instructions = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            instructions.add(read(record));
        }
        adjustments.applyInOrder(instructions);
    }

    private static CountInstruction read(ConsumerRecord<String, byte[]> record) {
        // the topic carries three kinds of instruction; an AdjustmentRequested is anything else, as before
        String type = EventRecords.eventType(record);
        if (UnitsCounted.TYPE.equals(type)) {
            EventRecords.requireVersion(record, UnitsCounted.VERSION);
            return new CountInstruction.Units(Json.read(record.value(), UnitsCounted.class));
        }
        if (AdjustmentRequestBatch.TYPE.equals(type)) {
            EventRecords.requireVersion(record, AdjustmentRequestBatch.VERSION);
            return new CountInstruction.AdjustBatch(Json.read(record.value(), AdjustmentRequestBatch.class));
        }
        EventRecords.requireVersion(record, AdjustmentRequested.VERSION);
        return new CountInstruction.Adjust(Json.read(record.value(), AdjustmentRequested.class));
    }

    /** The relay, or null before startup; for the readiness check. */
    OutboxRelay relay() {
        return relay;
    }
}
