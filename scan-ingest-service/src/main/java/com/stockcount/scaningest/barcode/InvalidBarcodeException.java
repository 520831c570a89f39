package com.stockcount.scaningest.barcode;

/** A code that does not decode to a GTIN; {@link #error()} says why in a form fit for metrics and API clients. */
public class InvalidBarcodeException extends RuntimeException {

    private final BarcodeError error;

    public InvalidBarcodeException(BarcodeError error, String detail) {
        super(detail);
        this.error = error;
    }

    public BarcodeError error() {
        return error;
    }
}
