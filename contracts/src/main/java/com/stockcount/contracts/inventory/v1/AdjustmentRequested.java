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
        Instant requestedAt) {

    public static final String TYPE = "AdjustmentRequested";
    public static final int VERSION = 1;
    public static final String REASON_STOCK_COUNT = "stock_count";

    public AdjustmentRequested {
        Require.text(requestId, "requestId");
        Require.present(quant, "quant");
        Require.text(reason, "reason");
        Require.present(requestedAt, "requestedAt");
    }
}
