package com.stockcount.reconciliation.adjustment;

/** Where one adjustment request stands: sent and waiting, posted by inventory, or refused by it. */
public enum AdjustmentStatus {
    PENDING,
    APPLIED,
    FAILED
}
