package com.stockcount.reconciliation.session;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.platform.outbox.Outbox;
import com.stockcount.platform.outbox.OutboxMessage;
import com.stockcount.platform.outbox.ProcessedEvents;
import com.stockcount.reconciliation.adjustment.Adjustments;
import com.stockcount.reconciliation.adjustment.RequestPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Collects the result of a completed session and, once its SessionCompleted (or a SessionDiscarded)
 * arrives, asks inventory for the count's new total of every quant whose total changed. Each event is applied in one
 * transaction together with its idempotency record, and the requests leave through the outbox in
 * that same transaction: a crash anywhere loses nothing and a redelivery changes nothing.
 */
@ApplicationScoped
public class SessionResults {

    static final String CONSUMER = "session-events";

    @Inject
    DataSource dataSource;

    @Inject
    RequestPartitions partitions;

    Clock clock = Clock.systemUTC();

    /**
     * Applies a partition's events of one poll in order, in one transaction, each once.
     *
     * @return number of adjustments requested
     * @throws IncompleteSessionResult when parts or lines announced by a completion are missing; nothing of
     *                                 the events is applied then
     */
    @Transactional(rollbackOn = Exception.class)
    public int applyAll(List<SessionEvent> events) throws SQLException {
        int requested = 0;
        for (SessionEvent event : events) {
            if (event instanceof SessionEvent.ResultPart p) {
                recordPart(p.eventId(), p.part());
            } else if (event instanceof SessionEvent.SerialsPart p) {
                recordSerials(p.eventId(), p.part());
            } else if (event instanceof SessionEvent.Completed done) {
                requested += complete(done.eventId(), done.completed());
            } else if (event instanceof SessionEvent.Discarded d) {
                requested += discard(d.eventId(), d.discarded());
            }
        }
        return requested;
    }

    /** @return false when the part was already stored (a redelivery) */
    private boolean recordPart(String eventId, SessionResultPart part) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return false;
            }
            SessionLineStore.insertPart(c, part);
            SessionLineStore.insertLines(c, part.sessionId(), part.revision(), part.lines());
            return true;
        }
    }

    /** @return false when the part was already stored (a redelivery) */
    private boolean recordSerials(String eventId, SessionSerialsPart part) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return false;
            }
            SessionLineStore.insertSerials(c, part);
            return true;
        }
    }

    /**
     * Makes the completed revision the session's result and asks inventory, for every quant the old or
     * new result touches, for the count's new total there. A quant whose total did not change gets no
     * request: a re-completed session posts only the difference.
     *
     * @return number of adjustments requested; 0 for a redelivery
     * @throws IncompleteSessionResult when parts or lines announced by the completion are missing
     */
    private int complete(String eventId, SessionCompleted completed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return 0;
            }
            requireWholeResult(c, completed);
            if (!SessionLineStore.insertCompletion(c, completed)) {
                return 0;
            }
            if (SessionLineStore.isDiscarded(c, completed.sessionId())) {
                // a discarded session stays discarded: its result counts for nothing
                return 0;
            }
            Optional<Integer> active = SessionLineStore.activeRevision(c, completed.sessionId());
            if (active.isPresent() && active.get() >= completed.revision()) {
                return 0;
            }
            SessionLineStore.activate(c, completed.sessionId(), completed.countId(), completed.siteCode(),
                    completed.revision());
            List<Integer> revisions = active.map(a -> List.of(a, completed.revision())).orElse(List.of(completed.revision()));
            return request(c, completed.sessionId(), completed.countId(), completed.siteCode(), revisions,
                    completed.revision(), completed.sessionId() + ":" + completed.revision());
        }
    }

    /**
     * A discarded session contributes nothing: every quant its result touched gets the count's total
     * without it, or is withdrawn when no other session of the count covers it.
     *
     * @return number of adjustments requested; 0 for a redelivery or a session that was never completed
     */
    private int discard(String eventId, SessionDiscarded discarded) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return 0;
            }
            Optional<Integer> previous = SessionLineStore.activate(c, discarded.sessionId(), discarded.countId(),
                    discarded.siteCode(), null);
            if (previous.isEmpty()) {
                return 0;
            }
            return request(c, discarded.sessionId(), discarded.countId(), discarded.siteCode(), List.of(previous.get()),
                    previous.get(), discarded.sessionId() + ":discarded");
        }
    }

    private int request(Connection c, String sessionId, String countId, String site, List<Integer> revisions,
                        int revision, String causedBy) throws SQLException {
        Instant now = clock.instant();
        int[] requested = {0};
        Outgoing outgoing = new Outgoing(c, now, sessionId);
        SessionLineStore.Requests requests = new SessionLineStore.Requests(c);
        SessionLineStore.changedQuants(c, sessionId, countId, revisions, change -> {
            Adjustments.Target target = change.counted() == null ? null
                    : new Adjustments.Target(change.counted(), change.countedAt());
            boolean withdrawn = change.version() != null && change.requestedCounted() == null;
            boolean unchanged = target == null
                    ? change.version() == null || withdrawn
                    : change.version() != null && !withdrawn && change.requestedCounted() == target.counted()
                            && target.countedAt().equals(change.requestedAt());
            if (unchanged) {
                return;
            }
            int version = change.version() == null ? 1 : change.version() + 1;
            AdjustmentRequested request = Adjustments.request(countId,
                    new QuantKey(site, change.bin(), change.sku(), change.lot()), version, target,
                    change.systemQuantity(), sessionId, change.lineId(), revision, now);
            requests.add(request, change, causedBy);
            if (change.serialized() && target != null) {
                // alone, so its parts of units counted can follow it in the quant's partition
                outgoing.alone(request, Adjustments.units(request,
                        SessionLineStore.seenUnits(c, countId, change.bin(), change.sku(), change.lot())));
            } else {
                outgoing.batched(request);
            }
            requested[0]++;
        });
        requests.flush();
        outgoing.flush();
        return requested[0];
    }

    /**
     * The outbox rows of one completion. Requests travel in {@link AdjustmentRequestBatch}es of the quants
     * whose records share a partition, keyed by the first one's quant: so every request still reaches the
     * partition of its quant, after the quant's earlier requests and before its later ones. Memory stays
     * bounded: a full batch, or 1,000 pending rows, goes to the outbox at once.
     */
    private final class Outgoing {

        private final Connection c;
        private final Instant now;
        private final String sessionId;
        private final Map<Integer, List<AdjustmentRequested>> byPartition = new HashMap<>();
        private final List<OutboxMessage> rows = new ArrayList<>();

        Outgoing(Connection c, Instant now, String sessionId) {
            this.c = c;
            this.now = now;
            this.sessionId = sessionId;
        }

        void batched(AdjustmentRequested request) throws SQLException {
            List<AdjustmentRequested> batch = byPartition.computeIfAbsent(partitions.partitionOf(request.quant()),
                    p -> new ArrayList<>());
            batch.add(request);
            if (batch.size() == AdjustmentRequestBatch.MAX_REQUESTS) {
                rows.add(batchRow(batch));
                batch.clear();
                appendIfFull();
            }
        }

        void alone(AdjustmentRequested request, List<UnitsCounted> parts) throws SQLException {
            rows.add(toOutbox(request));
            for (UnitsCounted units : parts) {
                rows.add(OutboxMessage.of(Topics.INVENTORY_ADJUSTMENT_REQUEST, units.quant().asString(),
                        units.requestId(), UnitsCounted.TYPE, UnitsCounted.VERSION, now, sessionId, units));
            }
            appendIfFull();
        }

        void flush() throws SQLException {
            for (List<AdjustmentRequested> batch : byPartition.values()) {
                if (!batch.isEmpty()) {
                    rows.add(batchRow(batch));
                }
            }
            byPartition.clear();
            Outbox.appendAll(c, rows);
            rows.clear();
        }

        private void appendIfFull() throws SQLException {
            if (rows.size() >= 1000) {
                Outbox.appendAll(c, rows);
                rows.clear();
            }
        }

        private OutboxMessage batchRow(List<AdjustmentRequested> requests) {
            AdjustmentRequested first = requests.get(0);
            // a request is asked once, so the first one's id names the batch
            AdjustmentRequestBatch batch = new AdjustmentRequestBatch("adjustment-batch:" + first.requestId(), requests);
            return OutboxMessage.of(Topics.INVENTORY_ADJUSTMENT_REQUEST, first.quant().asString(), batch.batchId(),
                    AdjustmentRequestBatch.TYPE, AdjustmentRequestBatch.VERSION, now, sessionId, batch);
        }
    }

    private static void requireWholeResult(Connection c, SessionCompleted completed) throws SQLException {
        SessionLineStore.Stored stored = SessionLineStore.stored(c, completed.sessionId(), completed.revision());
        int serialParts = SessionLineStore.storedSerialParts(c, completed.sessionId(), completed.revision());
        if (serialParts != completed.serialParts()) {
            throw new IncompleteSessionResult("session " + completed.sessionId() + " revision " + completed.revision()
                    + " completed with " + completed.serialParts() + " serial parts announced, but " + serialParts
                    + " were received");
        }
        if (stored.parts() != completed.parts() || stored.lines() != completed.countedLines()) {
            throw new IncompleteSessionResult("session " + completed.sessionId() + " revision " + completed.revision()
                    + " completed with " + completed.parts() + " parts / " + completed.countedLines()
                    + " lines announced, but " + stored.parts() + " parts / " + stored.lines() + " lines were received");
        }
    }

    private static OutboxMessage toOutbox(AdjustmentRequested request) {
        return OutboxMessage.of(Topics.INVENTORY_ADJUSTMENT_REQUEST, request.quant().asString(), request.requestId(),
                AdjustmentRequested.TYPE, AdjustmentRequested.VERSION, request.requestedAt(), request.sessionId(),
                request);
    }
}
