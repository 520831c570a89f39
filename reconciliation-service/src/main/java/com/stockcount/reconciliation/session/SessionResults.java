package com.stockcount.reconciliation.session;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.platform.outbox.Outbox;
import com.stockcount.platform.outbox.OutboxMessage;
import com.stockcount.platform.outbox.ProcessedEvents;
import com.stockcount.reconciliation.adjustment.Adjustments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Collects the result of a completed session and, once its SessionCompleted arrives, requests one
 * adjustment per line whose count disagreed with the system (for a re-completed session: whose
 * new result differs from what earlier revisions already requested). Each event is applied in one
 * transaction together with its idempotency record, and the requests leave through the outbox in
 * that same transaction: a crash anywhere loses nothing and a redelivery changes nothing.
 */
@ApplicationScoped
public class SessionResults {

    static final String CONSUMER = "session-events";

    @Inject
    DataSource dataSource;

    Clock clock = Clock.systemUTC();

    /** @return false when the part was already stored (a redelivery) */
    @Transactional(rollbackOn = Exception.class)
    public boolean recordPart(String eventId, SessionResultPart part) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return false;
            }
            SessionLineStore.insertPart(c, part);
            SessionLineStore.insertLines(c, part.sessionId(), part.revision(), part.lines());
            return true;
        }
    }

    /**
     * @return the adjustments requested by this completion; empty for a redelivery or when every
     *         counted line agreed with the system
     * @throws IncompleteSessionResult when parts or lines announced by the completion are missing
     */
    @Transactional(rollbackOn = Exception.class)
    public List<AdjustmentRequested> complete(String eventId, SessionCompleted completed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return List.of();
            }
            requireWholeResult(c, completed);
            if (!SessionLineStore.insertCompletion(c, completed)) {
                return List.of();
            }
            Instant now = clock.instant();
            List<AdjustmentRequested> requests = new ArrayList<>();
            for (SessionLineStore.LineToReconcile l
                    : SessionLineStore.linesToReconcile(c, completed.sessionId(), completed.revision())) {
                Adjustments.forLine(completed, l.line(), l.alreadyRequested(), now).ifPresent(requests::add);
            }
            List<AdjustmentRequested> inserted = SessionLineStore.insertAdjustments(c, requests);
            Outbox.appendAll(c, inserted.stream().map(SessionResults::toOutbox).toList());
            return inserted;
        }
    }

    private static void requireWholeResult(Connection c, SessionCompleted completed) throws SQLException {
        SessionLineStore.Stored stored = SessionLineStore.stored(c, completed.sessionId(), completed.revision());
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
