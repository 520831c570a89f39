package com.stockcount.inventory.stock;

import com.stockcount.contracts.QuantKey;
import java.util.function.ToIntFunction;

/** Where a record keyed by a quant lands on {@code inventory.ledger.v1}: known to whoever owns the outbox's producer. */
public interface LedgerPartitions {

    /**
     * @return the partition the outbox relay's producer puts a record keyed by a quant in, by the topic's partition
     *         count now (ask again for each transaction: the count is read once per call)
     */
    ToIntFunction<QuantKey> current();
}
