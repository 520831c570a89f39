package com.stockcount.reconciliation.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What a count asks of inventory for one quant. Not a delta: "the count's sessions found N here at
 * T" (COUNT) or "this count no longer says anything here" (WITHDRAW); inventory, which owns the
 * ledger, works out the change inside the transaction that applies it, so movements posted after T
 * are kept and what the count posted before is replaced rather than added to.
 *
 * <p>The request id is derived from count, quant and the count's version for that quant, never
 * random: a redelivery or a replay of the whole topic produces the same ids and inventory posts
 * nothing twice.
 */
public final class Adjustments {

    private Adjustments() {
    }

    public static String requestId(String countId, QuantKey quant, int version) {
        return UUID.nameUUIDFromBytes((countId + ":" + quant.asString() + ":" + version).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * @param target        the new total counted for the quant by the count's active sessions, or {@code null}
     *                      when none covers it any more
     * @param systemQuantity the snapshot quantity (for the audit field {@code delta}: counted − system)
     * @param causedBy      the session event that changed the count's result ({@code sessionId:revision},
     *                      {@code sessionId:discarded})
     */
    public static AdjustmentRequested request(String countId, QuantKey quant, int version, Target target,
                                              long systemQuantity, String sessionId, String lineId, int revision,
                                              Instant requestedAt) {
        String id = requestId(countId, quant, version);
        if (target == null) {
            return new AdjustmentRequested(id, quant, 0, AdjustmentRequested.REASON_STOCK_COUNT, 0, null, sessionId,
                    countId, lineId, revision, requestedAt, AdjustmentRequested.KIND_WITHDRAW, version);
        }
        return new AdjustmentRequested(id, quant, target.counted() - systemQuantity,
                AdjustmentRequested.REASON_STOCK_COUNT, target.counted(), target.countedAt(), sessionId, countId, lineId,
                revision, requestedAt, AdjustmentRequested.KIND_COUNT, version);
    }

    /** What a count's active sessions found for one quant: the sum of their counts, at the latest moment. */
    public record Target(long counted, Instant countedAt) {
    }
}
