package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.QuantKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Inventory refused an adjustment request: applying it would take the quant below zero, so the
 * quant was left as it was. Published on {@code inventory.ledger.v1} (key {@link QuantKey#asString()})
 * beside the ledger entries, so the requester learns the outcome of every request it sent.
 *
 * <p>Meant to move to the contracts module ({@code contracts.inventory.v1}) as it is.
 *
 * @param reason         why it was refused: {@link #NEGATIVE_QUANTITY}
 * @param quantityOnHand the quant's quantity when the request was refused (0 if there was no quant)
 */
public record AdjustmentRejected(String requestId, QuantKey quant, long delta, String reason, Instant at,
                                 String requestReason, long quantityOnHand) {

    public static final String TYPE = "AdjustmentRejected";
    public static final int VERSION = 1;
    public static final String NEGATIVE_QUANTITY = "negative_quantity";

    public AdjustmentRejected {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** One outcome per request: a redelivered rejection has the same id. */
    public String eventId() {
        return "adjustment-rejected:" + requestId;
    }
}
