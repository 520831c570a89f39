package com.stockcount.reconciliation.infrastructure.kafka;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.contracts.inventory.v1.AdjustmentsApplied;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.BatchHandler;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.reconciliation.adjustment.AdjustmentOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code inventory.ledger.v1} for the fate of our adjustment requests ({@code AdjustmentApplied}, or
 * {@code AdjustmentsApplied} for requests sent in a batch, and {@code AdjustmentRejected}), a partition's records of one poll at a time; ledger entries and
 * everything else are skipped. A record that cannot be read fails the batch, and the worker then
 * dead-letters it alone.
 */
@ApplicationScoped
public class LedgerEventsHandler implements BatchHandler {

    @Inject
    AdjustmentOutcomes outcomes;

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<AdjustmentOutcomes.Outcome> read = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            switch (EventRecords.eventType(record)) {
                case AdjustmentApplied.TYPE -> {
                    EventRecords.requireVersion(record, AdjustmentApplied.VERSION);
                    read.add(new AdjustmentOutcomes.Applied(EventRecords.eventId(record),
                            Json.read(record.value(), AdjustmentApplied.class)));
                }
                case AdjustmentsApplied.TYPE -> {
                    EventRecords.requireVersion(record, AdjustmentsApplied.VERSION);
                    // the record is the unit of de-duplication: a republished batch has the same event id
                    String eventId = EventRecords.eventId(record);
                    for (AdjustmentApplied applied : Json.read(record.value(), AdjustmentsApplied.class).applied()) {
                        read.add(new AdjustmentOutcomes.Applied(eventId, applied));
                    }
                }
                case AdjustmentRejected.TYPE -> {
                    EventRecords.requireVersion(record, AdjustmentRejected.VERSION);
                    // the contract's constructor refuses a rejection without requestId or at: poison, dead-lettered
                    AdjustmentRejected rejected = Json.read(record.value(), AdjustmentRejected.class);
                    // the rejection of a request happens once, so the request id identifies it when no event id is sent
                    String eventId = EventRecords.header(record, EventHeaders.EVENT_ID)
                            .orElse("rejected:" + rejected.requestId());
                    read.add(new AdjustmentOutcomes.Rejected(eventId, rejected.requestId(), rejected.reason(),
                            rejected.at()));
                }
                // the topic carries every movement of every quant; only the outcomes of requests matter here
                default -> {
                }
            }
        }
        outcomes.recordAll(read);
    }
}
