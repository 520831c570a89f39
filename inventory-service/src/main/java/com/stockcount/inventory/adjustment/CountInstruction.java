package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.UnitsCounted;

/** One record of {@code inventory.adjustment-request.v1}: the topic carries two kinds of instruction. */
public sealed interface CountInstruction {

    /** An adjustment of a quant's quantity (DELTA, COUNT or WITHDRAW). */
    record Adjust(AdjustmentRequested request) implements CountInstruction {
    }

    /** One part of the units a count saw in a serialized quant. */
    record Units(UnitsCounted units) implements CountInstruction {
    }
}
