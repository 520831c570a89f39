package com.stockcount.scaningest.barcode;

/** Why a scanned code is not a usable product barcode; also the metric tag and the API's rejection reason. */
public enum BarcodeError {
    /** Digits only, but not 8, 12, 13 or 14 of them. */
    INVALID_LENGTH,
    /** The GS1 mod-10 check digit does not match: a misread or a mistyped code. */
    INVALID_CHECK_DIGIT,
    /** Neither a GTIN nor a GS1 element string. */
    UNRECOGNIZED_FORMAT,
    /** A symbology identifier ({@code ]xy}) that carries no GS1 data. */
    UNSUPPORTED_SYMBOLOGY,
    /** An application identifier this service does not read, so the rest of a raw string cannot be split. */
    UNSUPPORTED_AI,
    /** An element whose value has the wrong length or characters, or a string that does not split into elements. */
    MALFORMED_ELEMENT,
    /** A GS1 date (YYMMDD) that is not a calendar date. */
    INVALID_DATE,
    /** The same application identifier twice in one string. */
    DUPLICATE_AI,
    /** A GS1 element string without (01): it names no product. */
    MISSING_GTIN
}
