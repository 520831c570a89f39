package com.stockcount.contracts.count.v1;

import com.stockcount.contracts.Require;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The result of one counted line of a session: everything reconciliation needs to adjust one quant.
 * Lines left blank are never published.
 *
 * @param lineId         stable id of the line inside its session
 * @param quantId        inventory's quant id at snapshot time, or {@code null} for a line found during counting
 * @param systemQuantity quantity the session snapshotted when it was created
 * @param countedQuantity quantity found on the shelf
 * @param countedAt      when the line was last counted: the moment the shelf was observed
 * @param unitCost       cost of one unit at snapshot time (for the value of a variance), may be {@code null}
 */
public record CountedLine(
        String lineId,
        String quantId,
        String sku,
        String bin,
        String lot,
        String tracking,
        long systemQuantity,
        long countedQuantity,
        Instant countedAt,
        BigDecimal unitCost) {

    public CountedLine {
        Require.text(lineId, "lineId");
        Require.text(sku, "sku");
        Require.text(bin, "bin");
        Require.text(tracking, "tracking");
        Require.notNegative(systemQuantity, "systemQuantity");
        Require.notNegative(countedQuantity, "countedQuantity");
        Require.present(countedAt, "countedAt");
        lot = lot == null ? "" : lot;
    }

    /** counted − system: positive when more was found than recorded. */
    public long variance() {
        return countedQuantity - systemQuantity;
    }
}
