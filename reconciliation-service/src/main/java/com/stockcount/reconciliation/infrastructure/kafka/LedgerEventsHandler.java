package com.stockcount.reconciliation.infrastructure.kafka;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.RecordHandler;
import com.stockcount.reconciliation.adjustment.AdjustmentOutcomes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Reads {@code inventory.ledger.v1} for the fate of our adjustment requests ({@code AdjustmentApplied},
 * {@code AdjustmentRejected}); ledger entries and everything else are skipped.
 */
@ApplicationScoped
public class LedgerEventsHandler implements RecordHandler {

    private static final Logger LOG = Logger.getLogger(LedgerEventsHandler.class);

    @Inject
    AdjustmentOutcomes outcomes;

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
        String type = EventRecords.eventType(record);
        switch (type) {
            case AdjustmentApplied.TYPE -> {
                EventRecords.requireVersion(record, AdjustmentApplied.VERSION);
                outcomes.applied(EventRecords.eventId(record), Json.read(record.value(), AdjustmentApplied.class));
            }
            case AdjustmentRejected.TYPE -> {
                EventRecords.requireVersion(record, AdjustmentRejected.VERSION);
                // the contract's constructor refuses a rejection without requestId or at: poison, dead-lettered
                AdjustmentRejected rejected = Json.read(record.value(), AdjustmentRejected.class);
                // the rejection of a request happens once, so the request id identifies it when no event id is sent
                String eventId = EventRecords.header(record, EventHeaders.EVENT_ID)
                        .orElse("rejected:" + rejected.requestId());
                outcomes.rejected(eventId, rejected.requestId(), rejected.reason(), rejected.at());
            }
            default -> LOG.debugf("ignoring %s on %s", type, record.topic());
        }
    }
}
