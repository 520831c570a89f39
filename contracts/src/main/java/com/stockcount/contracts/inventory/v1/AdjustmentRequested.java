package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * Reconciliation asks inventory to adjust one quant. Topic {@code inventory.adjustment-request.v1},
 * key: {@link QuantKey#asString()}. Inventory applies each {@code requestId} at most once, so a
 * redelivered or replayed request changes nothing.
 *
 * @param requestId       deterministic: derived from session, revision and line, never random
 * @param delta           signed change to apply to the quant
 * @param reason          ledger reason, {@code stock_count} for count adjustments
 * @param countedQuantity what was counted on the line (for the audit trail)
 * @param countedAt       when the line was counted
 * @param kind            {@link #KIND_DELTA} (absent in older messages): apply {@code delta} as is;
 *                        {@link #KIND_COUNT}: inventory sets the count's correction of the quant so that the
 *                        quant held {@code countedQuantity} at {@code countedAt} (movement-aware; {@code delta}
 *                        is then only the variance against the session snapshot, for the audit trail);
 *                        {@link #KIND_WITHDRAW}: take back every correction the count posted on the quant
 * @param countVersion    for COUNT and WITHDRAW: increases with every request of one count for one quant;
 *                        inventory ignores a request older than the last one it applied
 */
public record AdjustmentRequested(
        String requestId,
        QuantKey quant,
        long delta,
        String reason,
        long countedQuantity,
        Instant countedAt,
        String sessionId,
        String countId,
        String lineId,
        int revision,
        Instant requestedAt,
        String kind,
        int countVersion) {

    public static final String TYPE = "AdjustmentRequested";
    public static final int VERSION = 1;
    public static final String REASON_STOCK_COUNT = "stock_count";
    public static final String KIND_DELTA = "DELTA";
    public static final String KIND_COUNT = "COUNT";
    public static final String KIND_WITHDRAW = "WITHDRAW";

    public AdjustmentRequested {
        Require.text(requestId, "requestId");
        Require.present(quant, "quant");
        Require.text(reason, "reason");
        Require.present(requestedAt, "requestedAt");
        kind = kind == null ? KIND_DELTA : kind;
        if (!kind.equals(KIND_DELTA) && !kind.equals(KIND_COUNT) && !kind.equals(KIND_WITHDRAW)) {
            throw new IllegalArgumentException("kind must be DELTA, COUNT or WITHDRAW, was " + kind);
        }
        if (!kind.equals(KIND_DELTA)) {
            Require.text(countId, "countId");
            if (countVersion < 1) {
                throw new IllegalArgumentException("countVersion starts at 1 for a " + kind + " request");
            }
        }
        if (kind.equals(KIND_COUNT)) {
            Require.notNegative(countedQuantity, "countedQuantity");
            Require.present(countedAt, "countedAt");
        }
    }

    /** A plain DELTA request, as every request was before COUNT and WITHDRAW existed. */
    public AdjustmentRequested(String requestId, QuantKey quant, long delta, String reason, long countedQuantity,
                               Instant countedAt, String sessionId, String countId, String lineId, int revision,
                               Instant requestedAt) {
        this(requestId, quant, delta, reason, countedQuantity, countedAt, sessionId, countId, lineId, revision,
                requestedAt, KIND_DELTA, 0);
    }

    /** The request asks inventory to work out the change from its ledger rather than to apply {@code delta}. */
    public boolean countBased() {
        return !kind.equals(KIND_DELTA);
    }
}
