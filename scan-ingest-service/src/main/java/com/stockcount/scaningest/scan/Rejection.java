package com.stockcount.scaningest.scan;

/**
 * A scan of a batch that was not accepted.
 *
 * @param index  position of the scan in the batch, from 0
 * @param code   the code as sent (may be {@code null} when it was missing)
 * @param reason a stable reason code ({@link ScanRejection} or {@link com.stockcount.scaningest.barcode.BarcodeError} name)
 * @param detail a sentence for the person holding the scanner
 */
public record Rejection(int index, String code, String reason, String detail) {

    public Rejection {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }
}
