package com.stockcount.count.sessions.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.SessionCommands.ClearLine;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScan;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScans;
import com.stockcount.count.sessions.domain.SessionCommands.Scan;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LineCleared;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCompleted;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SessionEvents.SessionResultRecorded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant SEEN = Instant.parse("2025-03-01T09:59:00Z");
    private static final String S = "session-1";
    private static final String C = "count-1";

    private AggregateTestFixture<SessionAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SessionAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static QuantSnapshot quant(int n, long quantity) {
        return new QuantSnapshot("q" + n, "SKU-" + n, "Product " + n, "A-01", "Backstock", "", "BULK",
                List.of("0000000000000" + n), new BigDecimal("2.50"), quantity, null, List.of());
    }

    private static SnapshotLine line(int n, long quantity) {
        return new SnapshotLine(Integer.toString(n), quant(n, quantity));
    }

    private static SessionCreated created(int lines) {
        return new SessionCreated(S, C, "STORE-1", "Session 1", CountType.HARD, "A-01", NOW, lines, null, NOW, List.of());
    }

    private static LinesSnapshotted twoLines() {
        return new LinesSnapshotted(S, 0, List.of(line(1, 10), line(2, 5)));
    }

    private static RecordScans barcode(String id, String gtin) {
        return scans(new Scan(id, "HH-1", "BARCODE", gtin, gtin, null, null, SEEN, null));
    }

    private static RecordScans scans(Scan... scans) {
        return new RecordScans(S, List.of(scans));
    }

    @Test
    void creatingASessionSnapshotsEveryQuantAsABlankLine() {
        fixture.givenNoPriorActivity()
                .when(new CreateSession(S, C, "STORE-1", "Session 1", CountType.HARD, "A-01",
                        List.of(quant(1, 10), quant(2, 5)), null, NOW, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(2), twoLines());
    }

    @Test
    void aLargeScopeIsSnapshottedInChunksOfAThousandLines() {
        List<QuantSnapshot> quants = IntStream.rangeClosed(1, 2500).mapToObj(n -> quant(n, n)).toList();
        fixture.givenNoPriorActivity()
                .when(new CreateSession(S, C, "STORE-1", "Session 1", CountType.HARD, null, quants, null, NOW, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof SessionCreated),
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof LinesSnapshotted l && l.lines().size() == 1000),
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof LinesSnapshotted l && l.lines().size() == 1000),
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof LinesSnapshotted l && l.lines().size() == 500
                                        && l.lines().get(499).lineId().equals("2500")),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void countingStartsFromDraft() {
        fixture.given(created(2), twoLines())
                .when(new StartCounting(S, "ann", false))
                .expectEvents(new CountingStarted(S, NOW));
    }

    @Test
    void countingCannotStartTwice() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(new StartCounting(S, "ann", false))
                .expectNoEvents()
                .expectException(SessionRefused.class)
                .expectExceptionMessage("session is IN_PROGRESS; counting can only start from DRAFT");
    }

    @Test
    void aLineCannotBeCountedBeforeCountingStarts() {
        fixture.given(created(2), twoLines())
                .when(new CountLine(S, "ann", "1", 3))
                .expectNoEvents()
                .expectException(SessionRefused.class)
                .expectExceptionMessage("session is DRAFT; start counting first");
    }

    @Test
    void aLineIsCountedWhileInProgress() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(new CountLine(S, "ann", "2", 7))
                .expectEvents(new LineCounted(S, "2", 7, NOW));
    }

    @Test
    void zeroIsACountNotABlank() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(new CountLine(S, "ann", "1", 0))
                .expectEvents(new LineCounted(S, "1", 0, NOW));
    }

    @Test
    void anUnknownLineCannotBeCounted() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(new CountLine(S, "ann", "99", 1))
                .expectNoEvents()
                .expectException(UnknownLine.class);
    }

    @Test
    void aNegativeCountIsRejectedBeforeReachingTheSession() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CountLine(S, "ann", "1", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("countedQuantity");
    }

    @Test
    void aCountedLineCanBeMadeBlankAgain() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW), new LineCounted(S, "1", 4, NOW))
                .when(new ClearLine(S, "ann", "1"))
                .expectEvents(new LineCleared(S, "1"));
    }

    @Test
    void aCompletedSessionCannotBeCounted() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW),
                        new SessionCompleted(S, C, "STORE-1", "Session 1", CountType.HARD, 1, NOW, "anonymous", 0, 0, 0, 0))
                .when(new CountLine(S, "ann", "1", 1))
                .expectNoEvents()
                .expectException(SessionRefused.class)
                .expectExceptionMessage("session is COMPLETED; it can no longer be counted");
    }

    @Test
    void completionRecordsOnlyTheCountedLinesThenCompletes() {
        Instant counted = Instant.parse("2025-03-01T09:30:00Z");
        ResultLine first = new ResultLine("1", "q1", "SKU-1", "A-01", "", "BULK", 10, 12, counted, new BigDecimal("2.50"));
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW), new LineCounted(S, "1", 12, counted))
                .when(new CompleteSession(S, "anonymous"))
                .expectEvents(new SessionResultRecorded(S, C, 1, 0, 1, List.of(first)),
                        new SessionCompleted(S, C, "STORE-1", "Session 1", CountType.HARD, 1, NOW, "anonymous", 1, 1, 0, 0));
    }

    @Test
    void completionWithNothingCountedPublishesNoPart() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(new CompleteSession(S, "anonymous"))
                .expectEvents(new SessionCompleted(S, C, "STORE-1", "Session 1", CountType.HARD, 1, NOW, "anonymous", 0, 0, 0, 0));
    }

    @Test
    void completionSplitsTheResultIntoPartsOfFiveHundredLines() {
        List<SnapshotLine> lines = IntStream.rangeClosed(1, 1200).mapToObj(n -> line(n, 1)).toList();
        List<Object> given = new ArrayList<>(List.of(created(1200), new LinesSnapshotted(S, 0, lines.subList(0, 1000)),
                new LinesSnapshotted(S, 1, lines.subList(1000, 1200)), new CountingStarted(S, NOW)));
        IntStream.rangeClosed(1, 1100).forEach(n -> given.add(new LineCounted(S, Integer.toString(n), 2, NOW)));
        fixture.given(given)
                .when(new CompleteSession(S, "anonymous"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof SessionResultRecorded r && r.part() == 0 && r.parts() == 3 && r.lines().size() == 500),
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof SessionResultRecorded r && r.part() == 1 && r.lines().size() == 500),
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof SessionResultRecorded r && r.part() == 2 && r.lines().size() == 100),
                                org.axonframework.test.matchers.Matchers.matches(p -> p instanceof SessionCompleted c && c.countedLines() == 1100 && c.parts() == 3),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }

    @Test
    void aDraftSessionCannotBeCompleted() {
        fixture.given(created(2), twoLines())
                .when(new CompleteSession(S, "anonymous"))
                .expectNoEvents()
                .expectException(SessionRefused.class)
                .expectExceptionMessage("session is DRAFT; start counting first");
    }

    @Test
    void aCompletedSessionCannotBeCompletedAgain() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW),
                        new SessionCompleted(S, C, "STORE-1", "Session 1", CountType.HARD, 1, NOW, "anonymous", 0, 0, 0, 0))
                .when(new CompleteSession(S, "anonymous"))
                .expectNoEvents()
                .expectException(SessionRefused.class);
    }

    @Test
    void aBarcodeScanAddsOneToTheBlankLineOfItsProductInTheBin() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(barcode("obs-1", "00000000000002"))
                .expectEvents(new ScansRecorded(S, List.of(ScanOutcome.counted("obs-1", "COUNTED", "BARCODE",
                        "00000000000002", "00000000000002", null, null, "A-01", "2", 1, SEEN))));
    }

    @Test
    void aBarcodeScanAddsOneToWhatWasAlreadyCounted() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW), new LineCounted(S, "2", 4, NOW))
                .when(barcode("obs-1", "2"))
                .expectEvents(new ScansRecorded(S, List.of(ScanOutcome.counted("obs-1", "COUNTED", "BARCODE", "2", "2",
                        null, null, "A-01", "2", 5, SEEN))));
    }

    @Test
    void aScanOfAnUnknownProductIsKeptAsUnmatched() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(barcode("obs-1", "00000000000099"))
                .expectEvents(new ScansRecorded(S, List.of(ScanOutcome.unmatched("obs-1", "BARCODE", "00000000000099",
                        "00000000000099", "A-01", SEEN, "no line for GTIN 00000000000099 in bin A-01"))));
    }

    @Test
    void aScanWithoutGtinIsKeptAsUnmatched() {
        fixture.given(created(2), twoLines(), new CountingStarted(S, NOW))
                .when(new RecordScan(S, "obs-1", "HH-1", "BARCODE", "garbage", null, null, null, SEEN, null))
                .expectEvents(new ScansRecorded(S, List.of(ScanOutcome.unmatched("obs-1", "BARCODE", "garbage", null,
                        "A-01", SEEN, "code garbage decodes to no GTIN"))));
    }

    @Test
    void aScanIsRefusedBeforeCountingStarts() {
        fixture.given(created(2), twoLines())
                .when(barcode("obs-1", "1"))
                .expectNoEvents()
                .expectException(SessionRefused.class)
                .expectExceptionMessage("session is DRAFT; start counting first");
    }

    @Test
    void theResultChunkIsTheSizeOfAPublishedPart() {
        assertThat(SessionAggregate.RESULT_CHUNK).isEqualTo(com.stockcount.contracts.count.v1.SessionResultPart.MAX_LINES);
    }
}
