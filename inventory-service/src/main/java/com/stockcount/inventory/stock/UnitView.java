package com.stockcount.inventory.stock;

import java.time.Instant;

/** A serialized unit linked to a quant: its serial number, or its EPC for an RFID product. */
public record UnitView(String serial, Instant linkedAt) {
}
