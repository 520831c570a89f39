package com.stockcount.contracts.scan.v1;

/** What a scanned or read code is, as decided by scan-ingest. */
public enum CodeKind {
    /** A product barcode (UPC-A, EAN-13, GTIN-14, GS1 element string); {@code gtin} is set when it decoded. */
    BARCODE,
    /** A bin label: sets the session's current bin. {@code code} is the bin code. */
    BIN_LABEL,
    /** A serial number typed or scanned for a SERIAL line. */
    SERIAL,
    /** An RFID tag read; {@code code} is the EPC in hex, {@code gtin}/{@code serial} are set when it decoded. */
    EPC
}
