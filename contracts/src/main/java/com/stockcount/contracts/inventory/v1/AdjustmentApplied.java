package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * Inventory applied a COUNT or WITHDRAW {@link AdjustmentRequested}: what it found in its ledger and
 * what it changed. Topic {@code inventory.ledger.v1}, beside the ledger entries, key
 * {@link QuantKey#asString()}. Published even when nothing had to change (delta 0), so the requester
 * learns the outcome of every request.
 *
 * @param quantityAtCount the quant's quantity at {@code countedAt} as if this count had posted nothing
 *                        ({@code null} for WITHDRAW)
 * @param delta           the change posted now (0 when the books already agreed or the request was superseded)
 * @param countCorrection the count's total correction of the quant once this request applied
 * @param entryId         the ledger entry posted, {@code null} when delta is 0
 * @param superseded      a later request of the same count for the quant was applied first; nothing changed
 */
public record AdjustmentApplied(String requestId, QuantKey quant, String quantId, String countId, int countVersion,
                                String kind, long countedQuantity, Instant countedAt, Long quantityAtCount,
                                long delta, long countCorrection, long quantityAfter, Long entryId, Instant at,
                                boolean superseded) {

    public static final String TYPE = "AdjustmentApplied";
    public static final int VERSION = 1;

    public AdjustmentApplied {
        Require.text(requestId, "requestId");
        Require.present(quant, "quant");
        Require.text(countId, "countId");
        Require.text(kind, "kind");
        Require.present(at, "at");
    }

    /** One outcome per request: a redelivered outcome has the same id. */
    public String eventId() {
        return "adjustment-applied:" + requestId;
    }
}
