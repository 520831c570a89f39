package com.stockcount.reconciliation.infrastructure.kafka;

import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.platform.kafka.RecordHandler;
import com.stockcount.reconciliation.infrastructure.outbox.AdjustmentOutbox;
import com.stockcount.reconciliation.session.IncompleteSessionResult;
import com.stockcount.reconciliation.session.SessionResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Reads {@code count.session.v1}: result parts, then the completion that reconciles them, and discards. */
@ApplicationScoped
public class SessionEventsHandler implements RecordHandler {

    private static final Logger LOG = Logger.getLogger(SessionEventsHandler.class);

    @Inject
    SessionResults results;

    @Inject
    AdjustmentOutbox outbox;

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) throws Exception {
        String type = EventRecords.eventType(record);
        switch (type) {
            case SessionResultPart.TYPE -> {
                EventRecords.requireVersion(record, SessionResultPart.VERSION);
                results.recordPart(EventRecords.eventId(record), Json.read(record.value(), SessionResultPart.class));
            }
            case SessionSerialsPart.TYPE -> {
                EventRecords.requireVersion(record, SessionSerialsPart.VERSION);
                results.recordSerials(EventRecords.eventId(record), Json.read(record.value(), SessionSerialsPart.class));
            }
            case SessionCompleted.TYPE -> {
                EventRecords.requireVersion(record, SessionCompleted.VERSION);
                SessionCompleted completed = Json.read(record.value(), SessionCompleted.class);
                try {
                    int requested = results.complete(EventRecords.eventId(record), completed);
                    if (requested > 0) {
                        outbox.nudge();
                    }
                    LOG.debugf("session %s revision %d reconciled: %d adjustments requested", completed.sessionId(),
                            completed.revision(), requested);
                } catch (IncompleteSessionResult e) {
                    throw new PoisonRecordException(e.getMessage(), e);
                }
            }
            case SessionDiscarded.TYPE -> {
                EventRecords.requireVersion(record, SessionDiscarded.VERSION);
                if (results.discard(EventRecords.eventId(record), Json.read(record.value(), SessionDiscarded.class)) > 0) {
                    outbox.nudge();
                }
            }
            // the topic carries the whole public life of a session; we only need its results
            default -> LOG.debugf("ignoring %s on %s", type, record.topic());
        }
    }
}
