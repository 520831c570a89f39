package com.stockcount.scaningest.scan;

/** Why a scan was refused before its code was read; barcode failures use {@link com.stockcount.scaningest.barcode.BarcodeError}. */
public enum ScanRejection {
    BLANK_CODE,
    CODE_TOO_LONG,
    UNKNOWN_TYPE,
    INVALID_SCANNED_AT,
    INVALID_ID,
    /** Two scans of one batch carry the same client id: the second would overwrite the first downstream. */
    DUPLICATE_ID,
    /** An EPC that is not hexadecimal: not a tag read at all. A hex EPC that is not an SGTIN is accepted, undecoded. */
    INVALID_EPC
}
