package com.stockcount.inventory.stock;

import java.time.Instant;

/** One row of the append-only ledger, as the REST API shows it. */
public record LedgerEntry(long id, String quantId, String type, String reason, String sku, String bin, String lot,
                          long delta, long quantityAfter, Instant at, String requestId) {

    public static final String RECEIPT = "receipt";
    public static final String PICK = "pick";
    public static final String SYSTEM_CORRECTION = "system_correction";
}
