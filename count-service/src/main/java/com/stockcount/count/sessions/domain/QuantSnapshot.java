package com.stockcount.count.sessions.domain;

import static com.stockcount.count.counts.domain.Text.required;

import java.math.BigDecimal;
import java.util.List;

/**
 * The system's view of one quant when a session is created, as read from inventory.
 *
 * @param quantId inventory's quant, or {@code null} for a line added while counting (a product found where the
 *                books had none: system quantity 0)
 * @param lot   {@code ""} when the product is not lot-tracked
 * @param gtins  GTIN-14s of the product, used to match barcode scans
 * @param parent the parent product (style) name, by which hand-counted items are found; may be {@code null}
 * @param units  SERIAL/RFID: the serials (or EPCs) of the units linked to the quant, expected on the shelf
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
        String parent,
        List<String> units) {

    public QuantSnapshot {
        required(sku, "sku");
        required(bin, "bin");
        required(tracking, "tracking");
        lot = lot == null ? "" : lot;
        gtins = gtins == null ? List.of() : List.copyOf(gtins);
        units = units == null ? List.of() : List.copyOf(units);
        if (systemQuantity < 0) {
            throw new IllegalArgumentException("systemQuantity must not be negative, was " + systemQuantity);
        }
    }
}
