package com.stockcount.reconciliation.infrastructure.kafka;

import com.stockcount.contracts.QuantKey;
import java.time.Instant;

/**
 * Inventory refused an adjustment request (it would have made a quant negative, say). Published on
 * {@code inventory.ledger.v1} with type header {@code AdjustmentRejected}; not yet in the contracts
 * module, so read here with only the fields this service needs.
 */
record AdjustmentRejected(String requestId, QuantKey quant, long delta, String reason, Instant at) {

    static final String TYPE = "AdjustmentRejected";
    static final int VERSION = 1;
}
