package com.stockcount.inventory.stock;

import java.time.Instant;

/**
 * One row of the append-only ledger, as the REST API shows it.
 *
 * @param at          when it was recorded
 * @param effectiveAt when it took effect on the shelf: {@code at}, the time a late movement happened, or the
 *                    moment of the count a correction is for
 * @param countId     the count whose correction this is, {@code null} for other movements
 */
public record LedgerEntry(long id, String quantId, String type, String reason, String sku, String bin, String lot,
                          long delta, long quantityAfter, Instant at, String requestId, Instant effectiveAt,
                          String countId) {

    public static final String RECEIPT = "receipt";
    public static final String PICK = "pick";
    public static final String SYSTEM_CORRECTION = "system_correction";
}
