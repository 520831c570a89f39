package com.stockcount.reconciliation.report;

/** Where the reconciliation of one session revision stands, derived from its adjustments. */
public enum ReconciliationStatus {
    /** Some adjustments still wait for inventory. */
    PENDING,
    /** Every adjustment was posted (or none was needed). */
    APPLIED,
    /** Inventory answered every request and refused at least one. */
    PARTIALLY_FAILED;

    public static ReconciliationStatus of(long pending, long failed) {
        if (pending > 0) {
            return PENDING;
        }
        return failed > 0 ? PARTIALLY_FAILED : APPLIED;
    }
}
