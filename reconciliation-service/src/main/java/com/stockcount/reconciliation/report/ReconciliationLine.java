package com.stockcount.reconciliation.report;

import com.stockcount.reconciliation.adjustment.AdjustmentStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One counted line (or, in a count's report, one quant) and what became of it.
 *
 * @param variance             counted − system snapshot
 * @param varianceValue        variance × unit cost, {@code null} without a cost
 * @param adjustmentRequested  what the count asks of the books against the snapshot: the variance
 * @param countedForQuant      the total the count's active sessions found for the line's quant (they add up)
 * @param quantityAtCount      the books at the count moment, as inventory's ledger has them (without this count)
 * @param adjustmentApplied    the count's correction of the quant as inventory posted it (movement-aware:
 *                             counted − quantity at count), {@code null} until applied
 * @param adjustmentStatus     PENDING, APPLIED or FAILED ({@code failureReason} says why); {@code null} when
 *                             nothing was requested (a withdrawn quant)
 */
public record ReconciliationLine(
        String lineId,
        String sku,
        String bin,
        String lot,
        String tracking,
        long systemQuantity,
        Long countedQuantity,
        Long variance,
        BigDecimal unitCost,
        BigDecimal varianceValue,
        Instant countedAt,
        Long adjustmentRequested,
        Long countedForQuant,
        String requestId,
        AdjustmentStatus adjustmentStatus,
        Long quantityAtCount,
        Long adjustmentApplied,
        Long quantityAfter,
        Instant appliedAt,
        String failureReason) {

    static final String[] CSV_HEADER = {"lineId", "sku", "bin", "lot", "tracking", "systemQuantity", "countedQuantity",
            "variance", "unitCost", "varianceValue", "countedAt", "adjustmentRequested", "countedForQuant", "requestId",
            "adjustmentStatus", "quantityAtCount", "adjustmentApplied", "quantityAfter", "appliedAt", "failureReason"};

    Object[] csvValues() {
        return new Object[] {lineId, sku, bin, lot, tracking, systemQuantity, countedQuantity, variance, unitCost,
                varianceValue, countedAt, adjustmentRequested, countedForQuant, requestId, adjustmentStatus,
                quantityAtCount, adjustmentApplied, quantityAfter, appliedAt, failureReason};
    }
}
