package com.stockcount.reconciliation.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import java.nio.charset.StandardCharsets;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a count asks of inventory for one quant. Not a delta: "the count's sessions found N here at
 * T" (COUNT) or "this count no longer says anything here" (WITHDRAW); inventory, which owns the
 * ledger, works out the change inside the transaction that applies it, so movements posted after T
 * are kept and what the count posted before is replaced rather than added to.
 *
 * <p>The request id is derived from count, quant and the count's version for that quant, never
 * random: a redelivery or a replay of the whole topic produces the same ids and inventory posts
 * nothing twice.
 */
public final class Adjustments {

    private Adjustments() {
    }

    public static String requestId(String countId, QuantKey quant, int version) {
        return UUID.nameUUIDFromBytes((countId + ":" + quant.asString() + ":" + version).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * @param target        the new total counted for the quant by the count's active sessions, or {@code null}
     *                      when none covers it any more
     * @param systemQuantity the snapshot quantity (for the audit field {@code delta}: counted − system)
     * @param causedBy      the session event that changed the count's result ({@code sessionId:revision},
     *                      {@code sessionId:discarded})
     */
    public static AdjustmentRequested request(String countId, QuantKey quant, int version, Target target,
                                              long systemQuantity, String sessionId, String lineId, int revision,
                                              Instant requestedAt) {
        String id = requestId(countId, quant, version);
        if (target == null) {
            return new AdjustmentRequested(id, quant, 0, AdjustmentRequested.REASON_STOCK_COUNT, 0, null, sessionId,
                    countId, lineId, revision, requestedAt, AdjustmentRequested.KIND_WITHDRAW, version);
        }
        return new AdjustmentRequested(id, quant, target.counted() - systemQuantity,
                AdjustmentRequested.REASON_STOCK_COUNT, target.counted(), target.countedAt(), sessionId, countId, lineId,
                revision, requestedAt, AdjustmentRequested.KIND_COUNT, version);
    }

    /**
     * The units seen in a serialized quant, in parts that keep every message far below 1 MB, tied to the
     * COUNT request of the same version. Nothing seen is still one (empty) part: the last part is what
     * tells inventory to detach the units that were not seen.
     */
    public static List<UnitsCounted> units(AdjustmentRequested count, List<String> seen) {
        int parts = Math.max(1, (seen.size() + UnitsCounted.MAX_SERIALS - 1) / UnitsCounted.MAX_SERIALS);
        List<UnitsCounted> result = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            String id = UUID.nameUUIDFromBytes((count.countId() + ":" + count.quant().asString() + ":"
                    + count.countVersion() + ":units:" + p).getBytes(StandardCharsets.UTF_8)).toString();
            result.add(new UnitsCounted(id, count.quant(), count.countId(), count.countVersion(), count.countedAt(), p,
                    parts, seen.subList(p * UnitsCounted.MAX_SERIALS,
                    Math.min(seen.size(), (p + 1) * UnitsCounted.MAX_SERIALS))));
        }
        return result;
    }

    /** What a count's active sessions found for one quant: the sum of their counts, at the latest moment. */
    public record Target(long counted, Instant countedAt) {
    }
}
