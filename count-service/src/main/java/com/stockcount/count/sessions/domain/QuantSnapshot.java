package com.stockcount.count.sessions.domain;

import static com.stockcount.count.counts.domain.Text.required;

import java.math.BigDecimal;
import java.util.List;

/**
 * The system's view of one quant when a session is created, as read from inventory.
 *
 * @param lot   {@code ""} when the product is not lot-tracked
 * @param gtins  GTIN-14s of the product, used to match barcode scans
 * @param parent the parent product (style) name, by which hand-counted items are found; may be {@code null}
 */
public record QuantSnapshot(
        String quantId,
        String sku,
        String name,
        String bin,
        String area,
        String lot,
        String tracking,
        List<String> gtins,
        BigDecimal unitCost,
        long systemQuantity,
        String parent) {

    public QuantSnapshot {
        required(quantId, "quantId");
        required(sku, "sku");
        required(bin, "bin");
        required(tracking, "tracking");
        lot = lot == null ? "" : lot;
        gtins = gtins == null ? List.of() : List.copyOf(gtins);
        if (systemQuantity < 0) {
            throw new IllegalArgumentException("systemQuantity must not be negative, was " + systemQuantity);
        }
    }
}
