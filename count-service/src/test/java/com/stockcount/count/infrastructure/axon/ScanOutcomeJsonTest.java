package com.stockcount.count.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScans;
import com.stockcount.count.sessions.domain.SessionCommands.RemoveScan;
import com.stockcount.count.sessions.domain.SessionCommands.Scan;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScanRemoved;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SnapshotLine;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * Scan outcomes in the event store: written compactly, and the events stored before in the older shape (objects with
 * field names, {@code events/scans-recorded-objects.json} as the service wrote them) read and replayed as before.
 */
class ScanOutcomeJsonTest {

    private static final String S = "session-1";
    private static final String EPC = "3034257BF400B7800004CB2F";
    private static final String GTIN_BOX = "00000000000101";
    private static final String GTIN_TAGGED = "00000000000104";
    private static final Instant SEEN = Instant.parse("2025-03-01T09:59:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final ScanOutcome BIN_SET = ScanOutcome.binSet("o0", "D-01", "D-01", SEEN);
    private static final ScanOutcome TAG = ScanOutcome.counted("o1", "COUNTED", "EPC", EPC, GTIN_TAGGED, "314159", EPC,
            "D-01", "2", 1, Instant.parse("2025-03-01T09:59:00.123456Z"));
    private static final ScanOutcome STRAY = ScanOutcome.unmatched("o2", "BARCODE", "99999999999999", "99999999999999",
            "D-01", Instant.parse("2025-03-01T09:59:01Z"), "no line for GTIN 99999999999999 in bin D-01");

    private final ObjectMapper events = AxonConfiguration.eventMapper();

    @Test
    void outcomesStoredAsObjectsReadBackAsTheOutcomesThatWereStored() throws IOException {
        assertThat(stored().scans()).containsExactly(BIN_SET, TAG, STRAY);
    }

    @Test
    void anEpcCountedOnALineIsWrittenWithoutFieldNamesNullsOrTheEpcTwice() throws IOException {
        assertThat(events.writeValueAsString(TAG)).isEqualTo("[\"o1\",\"COUNTED\",\"EPC\",\"" + EPC + "\",\"" + GTIN_TAGGED
                + "\",\"314159\",true,\"D-01\",\"2\",1,\"2025-03-01T09:59:00.123456Z\"]");
        assertThat(events.writeValueAsString(STRAY)).isEqualTo("[\"o2\",\"UNMATCHED\",\"BARCODE\",\"99999999999999\","
                + "\"99999999999999\",null,null,\"D-01\",null,null,\"2025-03-01T09:59:01Z\","
                + "\"no line for GTIN 99999999999999 in bin D-01\"]");
    }

    @Test
    void everyKindOfOutcomeReadsBackAsWritten() throws IOException {
        ScanOutcome otherEpc = ScanOutcome.counted("o3", "UNDIRECTED", "EPC", "E2801160600002054E6AE001", null, null,
                "e2801160600002054e6ae001", "D-01", "2", 7, SEEN);
        ScanOutcome serial = ScanOutcome.counted("o4", "COUNTED", "BARCODE", "(01)" + GTIN_BOX + "(21)X1", GTIN_BOX, "X1",
                null, "D-01", "1", 3, SEEN);
        ScansRecorded written = new ScansRecorded(S, List.of(BIN_SET, TAG, STRAY, otherEpc, serial));

        assertThat(events.readValue(events.writeValueAsBytes(written), ScansRecorded.class)).isEqualTo(written);
    }

    @Test
    void aSessionReplaysItsOutcomesStoredAsObjectsToTheSameState() throws IOException {
        replaysToTheSameState(stored());
    }

    @Test
    void aSessionReplaysItsCompactOutcomesToTheSameState() throws IOException {
        replaysToTheSameState(events.readValue(events.writeValueAsBytes(stored()), ScansRecorded.class));
    }

    /** The tag taken, its line at 1, the bin label's bin current, the stray scan open: as the outcomes said. */
    private static void replaysToTheSameState(ScansRecorded replayed) {
        AggregateTestFixture<SessionAggregate> fixture = new AggregateTestFixture<>(SessionAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        List<Object> history = List.of(
                new SessionCreated(S, "count-1", "STORE-1", "Display", CountType.HARD, null, SEEN, 2, null, SEEN, List.of()),
                new LinesSnapshotted(S, 0, List.of(line("1", "SKU-A", "BULK", GTIN_BOX), line("2", "SKU-R", "RFID", GTIN_TAGGED))),
                new CountingStarted(S, SEEN), replayed);
        fixture.given(history)
                .when(new RecordScans(S, List.of(
                        new Scan("o5", "HH-1", "EPC", EPC, GTIN_TAGGED, null, null, NOW, "314159"),
                        new Scan("o6", "HH-1", "EPC", "3034257BF400B7800004CB30", GTIN_TAGGED, null, null, NOW, "314160"),
                        new Scan("o7", "HH-1", "BARCODE", GTIN_BOX, GTIN_BOX, null, null, NOW, null))))
                .expectEvents(new ScansRecorded(S, List.of(
                        ScanOutcome.counted("o6", "COUNTED", "EPC", "3034257BF400B7800004CB30", GTIN_TAGGED, "314160",
                                "3034257BF400B7800004CB30", "D-01", "2", 2, NOW),
                        ScanOutcome.counted("o7", "COUNTED", "BARCODE", GTIN_BOX, GTIN_BOX, null, null, "D-01", "1", 1, NOW))));
        fixture.given(history)
                .when(new RemoveScan(S, "user-1", "o2", null, null))
                .expectEvents(new ScanRemoved(S, "o2", null, null, null, NOW, "user-1"));
    }

    private ScansRecorded stored() throws IOException {
        try (InputStream json = getClass().getResourceAsStream("/events/scans-recorded-objects.json")) {
            return events.readValue(new String(json.readAllBytes(), StandardCharsets.UTF_8), ScansRecorded.class);
        }
    }

    private static SnapshotLine line(String id, String sku, String tracking, String gtin) {
        return new SnapshotLine(id, new QuantSnapshot("q" + id, sku, "Product " + sku, "D-01", "Display", "", tracking,
                List.of(gtin), BigDecimal.TEN, 5, "Parent " + sku, List.of()));
    }
}
