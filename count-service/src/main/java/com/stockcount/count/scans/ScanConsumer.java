package com.stockcount.count.scans;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScan;
import com.stockcount.count.sessions.domain.SessionRefused;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.ConsumerWorker;
import com.stockcount.platform.kafka.ConsumerWorkers;
import com.stockcount.platform.kafka.EventRecords;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.platform.outbox.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Applies scans from {@code scan.observation.v1} to their sessions. The observation id is recorded in
 * {@code processed_event} in the same JTA transaction as the scan's events (Axon's unit of work joins
 * it), so a redelivered observation counts once. A scan for a session that does not exist or is not
 * being counted can never apply: it is dead-lettered with the reason.
 */
@ApplicationScoped
public class ScanConsumer {

    static final String GROUP = "count-service";
    static final String CONSUMER = "count-service.scans";

    @Inject
    ConsumerWorkers workers;
    @Inject
    AxonConfiguration axon;
    @Inject
    DataSource dataSource;

    void start(@Observes StartupEvent event) {
        workers.start(new ConsumerWorker("count-scans", GROUP, List.of(Topics.SCAN_OBSERVATION), this::handle, Map.of()));
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        EventRecords.requireVersion(record, ScanObserved.VERSION);
        ScanObserved scan = Json.read(record.value(), ScanObserved.class);
        RecordScan command = new RecordScan(scan.sessionId(), scan.observationId(), scan.deviceId(), scan.kind().name(), scan.code(),
                scan.gtin(), scan.bin(), scan.lot(), scan.observedAt(), scan.serial());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (firstDelivery(scan.observationId())) {
                    axon.commandGateway().sendAndWait(command);
                }
            });
        } catch (SessionRefused e) {
            throw new PoisonRecordException(e.getMessage(), e);
        } catch (AggregateNotFoundException e) {
            throw new PoisonRecordException("session " + scan.sessionId() + " does not exist", e);
        } catch (RuntimeException e) {
            // the transaction failed after Axon's unit of work had succeeded in it: the cached session is ahead
            axon.evictSession(scan.sessionId());
            throw e;
        }
    }

    private boolean firstDelivery(String observationId) {
        try (Connection connection = dataSource.getConnection()) {
            return ProcessedEvents.firstDelivery(connection, CONSUMER, observationId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record observation " + observationId, e);
        }
    }
}
