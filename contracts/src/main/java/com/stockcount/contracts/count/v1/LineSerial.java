package com.stockcount.contracts.count.v1;

import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * One serialized unit of a SERIAL or RFID line in a completed session: seen on the shelf, expected
 * there by the snapshot, or both.
 *
 * @param serial   serial number, or the EPC's serial for RFID (the GTIN is the line's product)
 * @param epc      the EPC in hex for RFID reads, {@code null} otherwise
 * @param expected the unit was linked to the line's quant when the session snapshotted it
 * @param seenAt   when it was first seen in this session, {@code null} when expected but not seen
 */
public record LineSerial(String lineId, String serial, String epc, boolean expected, Instant seenAt) {

    public LineSerial {
        Require.text(lineId, "lineId");
        Require.text(serial, "serial");
        if (!expected && seenAt == null) {
            throw new IllegalArgumentException("a serial neither expected nor seen has no place in a result");
        }
    }

    public boolean seen() {
        return seenAt != null;
    }
}
