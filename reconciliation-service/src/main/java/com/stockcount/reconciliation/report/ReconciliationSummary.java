package com.stockcount.reconciliation.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures an operations team reads first.
 *
 * @param accuracy              share of counted lines whose count agreed with the system, 0..1 with four
 *                              decimals; 1 when nothing was counted
 * @param absoluteVarianceUnits sum of |counted − system| over the counted lines
 * @param absoluteVarianceValue the same weighted by each line's unit cost (lines without a cost add nothing)
 * @param adjustmentsRequested  lines (quants, for a count) whose quant has a request; applied, failed and
 *                              pending split them by the latest request's outcome
 */
public record ReconciliationSummary(
        long countedLines,
        long linesWithVariance,
        long adjustmentsRequested,
        long adjustmentsApplied,
        long adjustmentsFailed,
        long adjustmentsPending,
        BigDecimal accuracy,
        long absoluteVarianceUnits,
        BigDecimal absoluteVarianceValue) {

    public static BigDecimal accuracy(long countedLines, long linesWithVariance) {
        if (countedLines == 0) {
            return BigDecimal.ONE.setScale(4);
        }
        return BigDecimal.valueOf(countedLines - linesWithVariance)
                .divide(BigDecimal.valueOf(countedLines), 4, RoundingMode.HALF_UP);
    }
}
