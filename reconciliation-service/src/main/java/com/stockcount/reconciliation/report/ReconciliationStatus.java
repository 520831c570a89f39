package com.stockcount.reconciliation.report;

/** Where the reconciliation of a session or a count stands, derived from its adjustments. */
public enum ReconciliationStatus {
    /** Some adjustments still wait for inventory. */
    PENDING,
    /** Every adjustment was posted (or none was needed). */
    APPLIED,
    /** Inventory answered every request and refused at least one. */
    PARTIALLY_FAILED,
    /** The session was discarded: it contributes nothing, and what it had posted was taken back. */
    DISCARDED;

    public static ReconciliationStatus of(long pending, long failed) {
        if (pending > 0) {
            return PENDING;
        }
        return failed > 0 ? PARTIALLY_FAILED : APPLIED;
    }
}
