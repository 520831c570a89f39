package com.stockcount.inventory.site;

/** A location of a site; its area (Backstock, Display, …) lets counts and queries cover several bins. */
public record Bin(String site, String code, String area) {
}
