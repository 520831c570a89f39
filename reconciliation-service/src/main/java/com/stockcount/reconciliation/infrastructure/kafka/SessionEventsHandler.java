package com.stockcount.reconciliation.infrastructure.kafka;

import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.BatchHandler;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.reconciliation.infrastructure.outbox.AdjustmentOutbox;
import com.stockcount.reconciliation.session.IncompleteSessionResult;
import com.stockcount.reconciliation.session.SessionEvent;
import com.stockcount.reconciliation.session.SessionResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Reads {@code count.session.v1}: result parts, then the completion that reconciles them, and discards;
 * a partition's records of one poll in one transaction. A record that cannot be read or applied fails
 * the batch, and the worker then dead-letters it alone.
 */
@ApplicationScoped
public class SessionEventsHandler implements BatchHandler {

    private static final Logger LOG = Logger.getLogger(SessionEventsHandler.class);

    @Inject
    SessionResults results;

    @Inject
    AdjustmentOutbox outbox;

    @Override
    public void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<SessionEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = EventRecords.eventType(record);
            switch (type) {
                case SessionResultPart.TYPE -> {
                    EventRecords.requireVersion(record, SessionResultPart.VERSION);
                    events.add(new SessionEvent.ResultPart(EventRecords.eventId(record),
                            Json.read(record.value(), SessionResultPart.class)));
                }
                case SessionSerialsPart.TYPE -> {
                    EventRecords.requireVersion(record, SessionSerialsPart.VERSION);
                    events.add(new SessionEvent.SerialsPart(EventRecords.eventId(record),
                            Json.read(record.value(), SessionSerialsPart.class)));
                }
                case SessionCompleted.TYPE -> {
                    EventRecords.requireVersion(record, SessionCompleted.VERSION);
                    events.add(new SessionEvent.Completed(EventRecords.eventId(record),
                            Json.read(record.value(), SessionCompleted.class)));
                }
                case SessionDiscarded.TYPE -> {
                    EventRecords.requireVersion(record, SessionDiscarded.VERSION);
                    events.add(new SessionEvent.Discarded(EventRecords.eventId(record),
                            Json.read(record.value(), SessionDiscarded.class)));
                }
                // the topic carries the whole public life of a session; we only need its results
                default -> LOG.debugf("ignoring %s on %s", type, record.topic());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        int requested;
        try {
            requested = results.applyAll(events);
        } catch (IncompleteSessionResult e) {
            throw new PoisonRecordException(e.getMessage(), e);
        }
        if (requested > 0) {
            outbox.nudge();
        }
        LOG.debugf("%d session events applied: %d adjustments requested", events.size(), requested);
    }
}
