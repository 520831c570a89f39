package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.UnitsCounted;

/** One record of {@code inventory.adjustment-request.v1}: the topic carries three kinds of instruction. */
public sealed interface CountInstruction {

    /** An adjustment of a quant's quantity (DELTA, COUNT or WITHDRAW). */
    record Adjust(AdjustmentRequested request) implements CountInstruction {
    }

    /**
     * Adjustments of several quants sent in one record. Its outcomes are answered the same way, in
     * {@code AdjustmentsApplied} records, and an invalid request among them is dead-lettered alone.
     */
    record AdjustBatch(AdjustmentRequestBatch batch) implements CountInstruction {
    }

    /** One part of the units a count saw in a serialized quant. */
    record Units(UnitsCounted units) implements CountInstruction {
    }
}
