package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * Inventory refused an adjustment request and left the quant as it was (applying it would have
 * taken the quant below zero). Topic {@code inventory.ledger.v1}, beside the ledger entries, key
 * {@link QuantKey#asString()}: the requester learns the outcome of every request it sent.
 *
 * @param reason         why it was refused, e.g. {@link #NEGATIVE_QUANTITY}
 * @param requestReason  the reason the request carried ({@code stock_count})
 * @param quantityOnHand the quant's quantity when the request was refused (0 if there was no quant)
 */
public record AdjustmentRejected(String requestId, QuantKey quant, long delta, String reason, Instant at,
                                 String requestReason, long quantityOnHand) {

    public static final String TYPE = "AdjustmentRejected";
    public static final int VERSION = 1;
    public static final String NEGATIVE_QUANTITY = "negative_quantity";

    public AdjustmentRejected {
        Require.text(requestId, "requestId");
        Require.present(quant, "quant");
        Require.text(reason, "reason");
        Require.present(at, "at");
    }

    /** One outcome per request: a redelivered rejection has the same id. */
    public String eventId() {
        return "adjustment-rejected:" + requestId;
    }
}
