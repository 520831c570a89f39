package com.stockcount.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.LedgerEntriesRecorded;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.platform.json.Json;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record of several ledger entries stays far below Kafka's 1 MB, whatever inventory's codes hold. */
class LedgerRecordSizeTest {

    private static final Instant AT = Instant.parse("2026-11-29T06:45:00.123456Z");

    @Test
    void theEstimateIsNeverBelowWhatAnEntryWeighsInJson() {
        String control = "\u0001\"\\";
        String wide = "\uD83D\uDCE6é";
        for (LedgerEntryRecorded e : List.of(
                entry("S", "B", "P", "", "x", null, null, Long.MIN_VALUE),
                entry("S", "B", "SKU", "", "system_correction", "stock_count", "6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1", -3),
                entry(control.repeat(300), control, control.repeat(20), control, control, control, control, 1),
                entry(wide.repeat(300), wide, wide, wide, wide, wide, wide.repeat(100), Long.MAX_VALUE))) {
            assertThat(Json.write(e).length).isLessThanOrEqualTo(Ledger.estimatedBytes(e));
        }
    }

    @Test
    void aFullRecordOfOrdinaryEntriesIsAboutTwoHundredKilobytes() {
        LedgerEntryRecorded ordinary = entry("STORE-001", "A-01-01", "TSHIRT-M-BLUE", "", "system_correction",
                "stock_count", "6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1", -2);
        int bytes = Json.write(new LedgerEntriesRecorded(Collections.nCopies(LedgerEntriesRecorded.MAX_ENTRIES,
                ordinary))).length;

        assertThat(bytes).isBetween(100_000, 250_000);
        // the count caps such records, not the size: 500 of them fit the size cap
        assertThat(LedgerEntriesRecorded.MAX_ENTRIES * Ledger.estimatedBytes(ordinary))
                .isLessThanOrEqualTo(Ledger.MAX_RECORD_BYTES);
    }

    private static LedgerEntryRecorded entry(String site, String bin, String sku, String lot, String type,
                                             String reason, String requestId, long number) {
        return new LedgerEntryRecorded(number, String.valueOf(Long.MIN_VALUE), new QuantKey(site, bin, sku, lot), type,
                reason, number, number, AT, requestId);
    }
}
