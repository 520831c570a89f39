package com.stockcount.count.scans;

import java.time.Instant;

/**
 * One item of a session's scan categories. For UNCOUNTED (a listed product not yet counted) only
 * {@code category}, {@code lineId}, {@code sku} and {@code bin} are set.
 *
 * @param id         the scan's observation id (the id to remove, match or dismiss it by)
 * @param reason     why an UNMATCHED scan matched nothing, or why a DISMISSED one was set aside
 * @param context    for an UNMATCHED scan: how many scans ago, and the matched scans just before and after
 */
public record ScanView(
        String id,
        String category,
        String kind,
        String code,
        String gtin,
        String serial,
        String epc,
        String bin,
        String lineId,
        String sku,
        String reason,
        Instant scannedAt,
        Context context) {

    /** Where an unmatched scan happened, so that the associate can find the item on the shelf. */
    public record Context(long scansAgo, ScanView matchedBefore, ScanView matchedAfter) {
    }

    ScanView with(Context context) {
        return new ScanView(id, category, kind, code, gtin, serial, epc, bin, lineId, sku, reason, scannedAt, context);
    }
}
