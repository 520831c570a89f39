package com.stockcount.reconciliation.report;

import com.stockcount.reconciliation.adjustment.AdjustmentStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One counted line and what became of it. {@code requestId}, {@code adjustmentStatus} and the outcome
 * fields are {@code null} for a line whose count agreed with the system (nothing was requested).
 */
public record ReconciliationLine(
        String lineId,
        String sku,
        String bin,
        String lot,
        String tracking,
        long systemQuantity,
        long countedQuantity,
        long variance,
        BigDecimal unitCost,
        BigDecimal varianceValue,
        Instant countedAt,
        String requestId,
        AdjustmentStatus adjustmentStatus,
        Long appliedDelta,
        Long quantityAfter,
        Instant appliedAt,
        String failureReason) {
}
