package com.stockcount.inventory.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A product as inventory knows it. {@code gtins} are GTIN-14, sorted, so two products with the same
 * data compare equal whatever form or order the GTINs were given in.
 */
public record Product(String sku, String name, String parent, List<String> gtins, Tracking tracking,
                      BigDecimal unitCost) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(tracking, "tracking");
        gtins = gtins == null ? List.of() : gtins.stream().sorted().toList();
        // one spelling per amount (12.5, not 12.5000 from the database), so equal data compares equal
        unitCost = new BigDecimal(Objects.requireNonNull(unitCost, "unitCost").stripTrailingZeros().toPlainString());
    }

    public boolean lotTracked() {
        return tracking == Tracking.LOT;
    }
}
