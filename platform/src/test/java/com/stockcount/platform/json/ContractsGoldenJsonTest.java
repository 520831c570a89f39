package com.stockcount.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.AdjustmentsApplied;
import com.stockcount.contracts.inventory.v1.LedgerEntriesRecorded;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published event has a pinned JSON example under {@code golden/}. A change that alters the
 * wire form of a contract fails here: either it is a compatible addition (update the example) or
 * it needs a new major version and topic.
 */
class ContractsGoldenJsonTest {

    private static final Instant T = Instant.parse("2026-11-28T10:15:30Z");
    private static final QuantKey QUANT = new QuantKey("STORE-001", "A-01-01", "TSHIRT-M-BLUE", "");

    static Stream<Arguments> contracts() {
        AdjustmentRequested request = new AdjustmentRequested("6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1", QUANT, -2,
                AdjustmentRequested.REASON_STOCK_COUNT, 10, T, "sess-1", "count-1", "line-1", 1, T,
                AdjustmentRequested.KIND_COUNT, 1);
        AdjustmentApplied applied = new AdjustmentApplied("6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1", QUANT, "q-42",
                "count-1", 1, AdjustmentRequested.KIND_COUNT, 10, T, 12L, -2, -2, 10, 1001L, T, false);
        CountedLine line = new CountedLine("line-1", "q-42", "TSHIRT-M-BLUE", "A-01-01", "", "BULK", 12, 10, T,
                new BigDecimal("7.50"));
        return Stream.of(
                Arguments.of("scan-observed.json", new ScanObserved("obs-1", "sess-1", "hh-7", CodeKind.BARCODE,
                        "(01)09506000134352(21)ABC", "09506000134352", "ABC", null, null, T)),
                Arguments.of("scan-observation-batch.json", new ScanObservationBatch("batch-1", "sess-1", List.of(
                        new ScanObserved("obs-2", "sess-1", "portal-1", CodeKind.EPC, "3074257BF7194E4000001A85",
                                "00614141812345", "6789", null, "A-01-01", T)))),
                Arguments.of("session-result-part.json", new SessionResultPart("sess-1", "count-1", 1, 0, 1,
                        List.of(line))),
                Arguments.of("session-completed.json", new SessionCompleted("sess-1", "count-1", "STORE-001",
                        "Default session", "HARD", 1, T, "associate-1", 1, 1, 0, 0)),
                Arguments.of("adjustment-requested.json", request),
                Arguments.of("adjustment-request-batch.json", new AdjustmentRequestBatch("adjustment-batch-1",
                        List.of(request))),
                Arguments.of("adjustment-applied.json", applied),
                Arguments.of("adjustments-applied.json", new AdjustmentsApplied("adjustments-applied-1",
                        List.of(applied))),
                Arguments.of("units-counted.json", new UnitsCounted("units-1", QUANT, "count-1", 1, T, 0, 1,
                        List.of("DR-0001", "DR-0002"))),
                Arguments.of("session-serials-part.json", new SessionSerialsPart("sess-1", "count-1", 1, 0, 1, List.of(
                        new LineSerial("line-2", "6789", "3074257BF7194E4000001A85", true, T),
                        new LineSerial("line-2", "6790", "3074257BF7194E4000001A86", true, null)))),
                Arguments.of("session-discarded.json", new SessionDiscarded("sess-1", "count-1", "STORE-001", T,
                        "manager-1", 1)),
                Arguments.of("adjustment-rejected.json", new AdjustmentRejected("6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1",
                        QUANT, -15, AdjustmentRejected.NEGATIVE_QUANTITY, T, AdjustmentRequested.REASON_STOCK_COUNT, 12)),
                Arguments.of("ledger-entry-recorded.json", new LedgerEntryRecorded(1001, "q-42", QUANT,
                        LedgerEntryRecorded.TYPE_SYSTEM_CORRECTION, "stock_count", -2, 10, T,
                        "6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1")),
                Arguments.of("ledger-entries-recorded.json", new LedgerEntriesRecorded(List.of(
                        new LedgerEntryRecorded(1001, "q-42", QUANT, LedgerEntryRecorded.TYPE_SYSTEM_CORRECTION,
                                "stock_count", -2, 10, T, "6f1c8a58-7d1e-3c4b-9a51-0d7c0ef2d0a1"),
                        new LedgerEntryRecorded(1002, "q-43", new QuantKey("STORE-001", "A-01-02", "TSHIRT-M-BLUE",
                                ""), LedgerEntryRecorded.TYPE_SYSTEM_CORRECTION, "stock_count", 3, 3, T,
                                "0b9e2c61-4f3a-3d8e-8c2b-5a7f1e9d4c30")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void serializesToItsGoldenExampleAndBack(String file, Object event) throws IOException {
        JsonNode golden = golden(file);

        assertThat(Json.mapper().readTree(Json.write(event))).isEqualTo(golden);
        assertThat(Json.read(Json.mapper().writeValueAsBytes(golden), event.getClass())).isEqualTo(event);
    }

    private static JsonNode golden(String file) throws IOException {
        try (InputStream in = ContractsGoldenJsonTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden example " + file).isNotNull();
            return Json.mapper().readTree(in);
        }
    }
}
