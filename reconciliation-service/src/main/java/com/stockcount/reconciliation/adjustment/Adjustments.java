package com.stockcount.reconciliation.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a counted line of a completed session into the stock adjustment inventory must apply.
 * The request id is derived from session, revision and line, never random, so a redelivered
 * completion or a replay of the whole topic produces the same ids and inventory posts nothing twice.
 *
 * <p>A re-opened and re-completed session replaces its earlier result: a line's adjustment is its
 * variance minus what earlier revisions of the session already requested for it, so only the
 * difference is posted.
 */
public final class Adjustments {

    private Adjustments() {
    }

    public static String requestId(String sessionId, int revision, String lineId) {
        return UUID.nameUUIDFromBytes((sessionId + ":" + revision + ":" + lineId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The adjustment for a line, or empty when nothing is left to correct.
     *
     * @param alreadyRequested sum of the deltas earlier revisions of the session requested for this line and
     *                         inventory did not refuse
     */
    public static Optional<AdjustmentRequested> forLine(SessionCompleted session, CountedLine line,
                                                        long alreadyRequested, Instant requestedAt) {
        long delta = line.variance() - alreadyRequested;
        if (delta == 0) {
            return Optional.empty();
        }
        return Optional.of(new AdjustmentRequested(
                requestId(session.sessionId(), session.revision(), line.lineId()),
                new QuantKey(session.siteCode(), line.bin(), line.sku(), line.lot()),
                delta,
                AdjustmentRequested.REASON_STOCK_COUNT,
                line.countedQuantity(),
                line.countedAt(),
                session.sessionId(),
                session.countId(),
                line.lineId(),
                session.revision(),
                requestedAt));
    }
}
