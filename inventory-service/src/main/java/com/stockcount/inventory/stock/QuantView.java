package com.stockcount.inventory.stock;

import java.math.BigDecimal;
import java.util.List;

/**
 * A quant as count-service snapshots it: everything a count line needs in one row, so a
 * 100,000-quant site is read in pages without any per-line call. {@code id} is the stable id of the
 * quant; {@code lot} is "" for products that are not lot-tracked.
 */
public record QuantView(String id, String sku, String name, String bin, String area, String lot, long quantity,
                        String tracking, List<String> gtins, BigDecimal unitCost, String parent) {
}
