package com.stockcount.scaningest.rfid;

/** The outcome of decoding one EPC: an {@link Sgtin}, or {@link Undecodable} with the reason. */
public sealed interface EpcDecoding permits Sgtin, Undecodable {

    /** The EPC in upper-case hex, as read. */
    String epcHex();
}
