package com.stockcount.scaningest.barcode;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a product barcode says: always a GTIN-14 (UPC-A, EAN-13 and EAN-8 are left-padded with zeros,
 * as GS1 defines them), and from a GS1 element string also serial (21), lot (10) and expiry (17).
 */
public record DecodedBarcode(String gtin, Optional<String> serial, Optional<String> lot, Optional<LocalDate> expiry) {

    public DecodedBarcode {
        Objects.requireNonNull(gtin, "gtin");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(lot, "lot");
        Objects.requireNonNull(expiry, "expiry");
        if (gtin.length() != 14 || !Gs1.isDigits(gtin)) {
            throw new IllegalArgumentException("gtin must be 14 digits, was " + gtin);
        }
    }

    public static DecodedBarcode gtinOnly(String gtin) {
        return new DecodedBarcode(gtin, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
