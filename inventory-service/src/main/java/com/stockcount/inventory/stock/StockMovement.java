package com.stockcount.inventory.stock;

/** The answer to a receipt or a pick: the quant after it, and the ledger entry it wrote. */
public record StockMovement(QuantView quant, LedgerEntry entry) {
}
