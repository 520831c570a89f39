package com.stockcount.count.sessions;

import java.math.BigDecimal;
import java.time.Instant;

/** A line of a session; {@code countedQuantity}, {@code variance} and {@code countedAt} are null while it is blank. */
public record LineView(
        String id,
        String quantId,
        String sku,
        String name,
        String bin,
        String area,
        String lot,
        String tracking,
        BigDecimal unitCost,
        long systemQuantity,
        Long countedQuantity,
        Long variance,
        Instant countedAt) {
}
