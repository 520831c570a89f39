package com.stockcount.reconciliation.adjustment;

import com.stockcount.contracts.QuantKey;

/**
 * Where a quant's records go on {@code inventory.adjustment-request.v1}. Requests of several quants share a
 * record ({@code AdjustmentRequestBatch}) only when those quants' own keys go to the same partition: each
 * quant's requests then stay in one partition, in order, however they travel.
 */
public interface RequestPartitions {

    /** The partition a record keyed by {@code quant}'s key goes to. */
    int partitionOf(QuantKey quant);
}
