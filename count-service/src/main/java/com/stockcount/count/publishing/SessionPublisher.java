package com.stockcount.count.publishing;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.count.sessions.domain.SessionEvents;
import com.stockcount.count.sessions.domain.SessionEvents.SessionResultRecorded;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.KafkaClients;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Publishes a session's result to {@code count.session.v1} from the event store: each internal
 * result event becomes one {@link SessionResultPart}, the internal completion one {@link SessionCompleted},
 * each serials event one {@link SessionSerialsPart} (before the completion), a discard one {@link SessionDiscarded},
 * keyed by session id. It runs in a streaming processor with a token, and blocks on every send: a
 * failed send fails the event, the token does not move, and the event is published again (at least
 * once; consumers de-duplicate by event id).
 */
@Singleton
public class SessionPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private volatile KafkaProducer<String, byte[]> producer;

    @EventHandler
    public void on(SessionResultRecorded event, @Timestamp Instant occurredAt,
                   @MetaDataValue("correlationId") String correlationId) throws Exception {
        SessionResultPart part = new SessionResultPart(event.sessionId(), event.countId(), event.revision(),
                event.part(), event.parts(), event.lines().stream()
                .map(l -> new CountedLine(l.lineId(), l.quantId(), l.sku(), l.bin(), l.lot(), l.tracking(),
                        l.systemQuantity(), l.countedQuantity(), l.countedAt(), l.unitCost()))
                .toList());
        send(EventRecords.event(Topics.COUNT_SESSION, event.sessionId(), part.eventId(), SessionResultPart.TYPE,
                SessionResultPart.VERSION, occurredAt, correlationId, part));
    }

    @EventHandler
    public void on(SessionEvents.SessionCompleted event, @MetaDataValue("correlationId") String correlationId)
            throws Exception {
        SessionCompleted completed = new SessionCompleted(event.sessionId(), event.countId(), event.site(),
                event.name(), event.countType().name(), event.revision(), event.completedAt(), event.completedBy(),
                event.countedLines(), event.parts(), event.serialParts(), event.serials());
        send(EventRecords.event(Topics.COUNT_SESSION, event.sessionId(), completed.eventId(), SessionCompleted.TYPE,
                SessionCompleted.VERSION, event.completedAt(), correlationId, completed));
    }

    @EventHandler
    public void on(SessionEvents.SessionSerialsRecorded event, @Timestamp Instant occurredAt,
                   @MetaDataValue("correlationId") String correlationId) throws Exception {
        SessionSerialsPart part = new SessionSerialsPart(event.sessionId(), event.countId(), event.revision(),
                event.part(), event.parts(), event.serials());
        send(EventRecords.event(Topics.COUNT_SESSION, event.sessionId(), part.eventId(), SessionSerialsPart.TYPE,
                SessionSerialsPart.VERSION, occurredAt, correlationId, part));
    }

    @EventHandler
    public void on(SessionEvents.SessionDiscarded event, @MetaDataValue("correlationId") String correlationId)
            throws Exception {
        SessionDiscarded discarded = new SessionDiscarded(event.sessionId(), event.countId(), event.site(),
                event.discardedAt(), event.discardedBy(), event.lastCompletedRevision());
        send(EventRecords.event(Topics.COUNT_SESSION, event.sessionId(), discarded.eventId(), SessionDiscarded.TYPE,
                SessionDiscarded.VERSION, event.discardedAt(), correlationId, discarded));
    }

    private void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer().send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = KafkaClients.producer("count-publisher", Map.of());
                }
                current = producer;
            }
        }
        return current;
    }

    /** Called once Axon has stopped, so no handler is sending any more. */
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
