package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * One append-only inventory transaction. Topic {@code inventory.ledger.v1}, key: {@link QuantKey#asString()}.
 * Every change of every quant is published, in order per quant.
 *
 * @param entryId       the ledger's sequence number, unique and increasing
 * @param type          {@code receipt}, {@code pick}, {@code move}, {@code system_correction}, …
 * @param reason        why, e.g. {@code stock_count}; may be {@code null}
 * @param quantityAfter quantity of the quant once this entry applied
 * @param requestId     id of the request that caused it (an adjustment request id, a receipt id)
 */
public record LedgerEntryRecorded(
        long entryId,
        String quantId,
        QuantKey quant,
        String type,
        String reason,
        long delta,
        long quantityAfter,
        Instant at,
        String requestId) {

    public static final String TYPE = "LedgerEntryRecorded";
    public static final int VERSION = 1;
    public static final String TYPE_SYSTEM_CORRECTION = "system_correction";
    public static final String TYPE_RECEIPT = "receipt";

    public LedgerEntryRecorded {
        Require.present(quant, "quant");
        Require.text(type, "type");
        Require.present(at, "at");
    }

    public String eventId() {
        return "ledger:" + entryId;
    }
}
