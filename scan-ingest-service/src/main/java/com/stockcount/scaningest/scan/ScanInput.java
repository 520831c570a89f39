package com.stockcount.scaningest.scan;

/**
 * One scan exactly as a device sent it. Nothing is checked here: every scan of a batch is judged on
 * its own by {@link ScanIntake}, so one unreadable scan never costs the others.
 *
 * @param id        the device's own id for the scan, or {@code null}
 * @param code      what was scanned
 * @param type      {@code barcode} (default), {@code bin} or {@code serial}
 * @param scannedAt ISO-8601 instant, or {@code null} for "when it was received"
 */
public record ScanInput(String id, String code, String type, String scannedAt) {
}
