package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.time.Instant;
import java.util.List;

/**
 * The serialized units (serials, or EPC serials for RFID) a count saw in one SERIAL or RFID quant,
 * in parts {@code 0..parts-1} of at most {@link #MAX_SERIALS}: a 200,000-EPC quant is 100 messages of
 * about 80 kB, never one over Kafka's 1 MB. Topic {@code inventory.adjustment-request.v1}, key
 * {@link QuantKey#asString()}, so the parts stay in order. Inventory links every seen unit to the quant
 * (moving it from another bin, or creating it if unknown) and, with the last part, detaches the units
 * linked to the quant at {@code countedAt} that were not seen. Quantities follow, as ledger entries
 * effective at {@code countedAt}, which the count's own correction ({@link AdjustmentRequested} COUNT of
 * the same {@code countVersion}) absorbs.
 *
 * @param requestId deterministic, one per count, quant, version and part; applied once
 */
public record UnitsCounted(String requestId, QuantKey quant, String countId, int countVersion, Instant countedAt,
                           int part, int parts, List<String> seen) {

    public static final String TYPE = "UnitsCounted";
    public static final int VERSION = 1;
    public static final int MAX_SERIALS = 2_000;

    public UnitsCounted {
        Require.text(requestId, "requestId");
        Require.present(quant, "quant");
        Require.text(countId, "countId");
        Require.present(countedAt, "countedAt");
        if (countVersion < 1) {
            throw new IllegalArgumentException("countVersion starts at 1, was " + countVersion);
        }
        seen = Require.slice(part, parts, seen, MAX_SERIALS, "serials");
    }

    public boolean last() {
        return part == parts - 1;
    }
}
