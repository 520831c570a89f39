package com.stockcount.count.sessions.domain;

import static com.stockcount.count.counts.domain.Text.present;
import static com.stockcount.count.counts.domain.Text.required;

import java.math.BigDecimal;
import java.time.Instant;

/** A counted line as it stood when its session was completed. */
public record ResultLine(
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

    public ResultLine {
        required(lineId, "lineId");
        required(sku, "sku");
        required(tracking, "tracking");
        present(countedAt, "countedAt");
    }
}
