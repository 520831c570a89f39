package com.stockcount.inventory.stock;

/**
 * A serialized unit of a site as a count's snapshot needs it: the quant it is linked to and its identity. Inventory
 * keeps one identity per unit (its serial, which for an RFID product is the tag's EPC), so {@code epc} repeats it for
 * RFID products and is {@code null} for the others.
 */
public record SiteUnit(String quantId, String serial, String epc) {
}
