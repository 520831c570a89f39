package com.stockcount.inventory.stock;

import com.stockcount.contracts.QuantKey;

/** A quant row held with {@code select … for update} for the rest of the transaction. */
public record LockedQuant(long id, QuantKey key, long quantity) {

    /** The same locked quant once {@code entry} was posted on it. */
    public LockedQuant after(LedgerEntry entry) {
        return new LockedQuant(id, key, entry.quantityAfter());
    }

    public String idString() {
        return Long.toString(id);
    }
}
