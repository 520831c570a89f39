package com.stockcount.inventory.product;

/** How units of a product are told apart: not at all, by lot, by serial number, or by RFID EPC. */
public enum Tracking {
    BULK, LOT, SERIAL, RFID;

    /** SERIAL and RFID quants own serialized units; their quantity is the number of units linked to them. */
    public boolean serialized() {
        return this == SERIAL || this == RFID;
    }
}
