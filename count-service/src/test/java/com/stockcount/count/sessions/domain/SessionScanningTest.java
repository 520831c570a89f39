package com.stockcount.count.sessions.domain;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.DismissScan;
import com.stockcount.count.sessions.domain.SessionCommands.HandCount;
import com.stockcount.count.sessions.domain.SessionCommands.MatchScan;
import com.stockcount.count.sessions.domain.SessionCommands.MatchScanOnNewLine;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScans;
import com.stockcount.count.sessions.domain.SessionCommands.Scan;
import com.stockcount.count.sessions.domain.SessionCommands.RemoveScan;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.CurrentBinSet;
import com.stockcount.count.sessions.domain.SessionEvents.LineAdded;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanCounted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanDismissed;
import com.stockcount.count.sessions.domain.SessionEvents.ScanMatched;
import com.stockcount.count.sessions.domain.SessionEvents.ScanRemoved;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScanUnmatched;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scanning in a DIRECTED store count (seed 2) and serialized lines (seed 1): categories, distinct
 * serials and EPCs, bin labels, removing, matching and dismissing scans, hand-counted items.
 * Lines: 1 SKU-A (listed, BULK, bin D-01), 2 SKU-B (not listed, BULK, D-01), 3 SKU-S (listed, SERIAL, D-01),
 * 4 SKU-R (listed, RFID, D-01), 5 SKU-A again in bin D-02.
 */
class SessionScanningTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant SEEN = Instant.parse("2025-03-01T09:59:00Z");
    private static final String S = "session-1";
    private static final String GTIN_A = "00000000000101";
    private static final String GTIN_B = "00000000000102";
    private static final String GTIN_S = "00000000000103";
    private static final String GTIN_R = "00000000000104";

    private AggregateTestFixture<SessionAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SessionAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SnapshotLine line(String id, String sku, String bin, String tracking, String gtin, long quantity) {
        return new SnapshotLine(id, new QuantSnapshot("q" + id, sku, "Product " + sku, bin, "Display", "", tracking,
                List.of(gtin), BigDecimal.TEN, quantity, "Parent " + sku, "SERIAL".equals(tracking) ? List.of("X1", "X9") : List.of()));
    }

    private static List<Object> counting(Object... then) {
        List<Object> events = new ArrayList<>(List.of(
                new SessionCreated(S, "count-1", "STORE-1", "Display", CountType.DIRECTED, null, SEEN, 5, "Display",
                        SEEN, List.of("SKU-A", "SKU-S", "SKU-R")),
                new LinesSnapshotted(S, 0, List.of(line("1", "SKU-A", "D-01", "BULK", GTIN_A, 4),
                        line("2", "SKU-B", "D-01", "BULK", GTIN_B, 2), line("3", "SKU-S", "D-01", "SERIAL", GTIN_S, 2),
                        line("4", "SKU-R", "D-01", "RFID", GTIN_R, 3), line("5", "SKU-A", "D-02", "BULK", GTIN_A, 1))),
                new CountingStarted(S, SEEN)));
        events.addAll(List.of(then));
        return events;
    }

    private static RecordScans scan(String id, String kind, String code, String gtin, String bin, String serial) {
        return new RecordScans(S, List.of(new Scan(id, "HH-1", kind, code, gtin, bin, null, SEEN, serial)));
    }

    private static ScansRecorded recorded(ScanOutcome... outcomes) {
        return new ScansRecorded(S, List.of(outcomes));
    }

    private static ScanCounted counted(String id, String lineId, long quantity, String category, String gtin) {
        return new ScanCounted(S, id, lineId, quantity, SEEN, category, "BARCODE", gtin, gtin, null, null);
    }

    private static ScanUnmatched unmatched(String id, String kind, String code, String reason) {
        return new ScanUnmatched(S, id, kind, code, null, "D-01", SEEN, reason);
    }

    @Test
    void aListedProductIsCountedAndAnUnlistedOneIsUndirected() {
        fixture.given(counting(new CurrentBinSet(S, "o0", "D-01")))
                .when(scan("o1", "BARCODE", GTIN_A, GTIN_A, null, null))
                .expectEvents(recorded(ScanOutcome.counted("o1", "COUNTED", "BARCODE", GTIN_A, GTIN_A, null, null, "D-01",
                        "1", 1, SEEN)));
        fixture.given(counting(new CurrentBinSet(S, "o0", "D-01")))
                .when(scan("o1", "BARCODE", GTIN_B, GTIN_B, null, null))
                .expectEvents(recorded(ScanOutcome.counted("o1", "UNDIRECTED", "BARCODE", GTIN_B, GTIN_B, null, null,
                        "D-01", "2", 1, SEEN)));
    }

    @Test
    void aBinLabelSetsTheBinOfTheScansThatFollow() {
        fixture.given(counting())
                .when(scan("o0", "BIN_LABEL", "D-02", null, null, null))
                .expectEvents(recorded(ScanOutcome.binSet("o0", "D-02", "D-02", SEEN)));
        fixture.given(counting(new CurrentBinSet(S, "o0", "D-02")))
                .when(scan("o1", "BARCODE", GTIN_A, GTIN_A, null, null))
                .expectEvents(recorded(ScanOutcome.counted("o1", "COUNTED", "BARCODE", GTIN_A, GTIN_A, null, null, "D-02",
                        "5", 1, SEEN)));
    }

    @Test
    void withoutABinAScanOfAMultiBinSessionIsUnmatched() {
        fixture.given(counting())
                .when(scan("o1", "BARCODE", GTIN_A, GTIN_A, null, null))
                .expectEvents(recorded(ScanOutcome.unmatched("o1", "BARCODE", GTIN_A, GTIN_A, null, SEEN,
                        "no bin: scan a bin label first (the session covers several bins and the device reported none)")));
    }

    @Test
    void aSerialLineCountsDistinctSerialsAndARepeatedSerialIsNotCountedTwice() {
        ScanCounted first = new ScanCounted(S, "o1", "3", 1, SEEN, "COUNTED", "BARCODE", "(01)" + GTIN_S + "(21)X1",
                GTIN_S, "X1", null);
        fixture.given(counting())
                .when(scan("o1", "BARCODE", "(01)" + GTIN_S + "(21)X1", GTIN_S, "D-01", "X1"))
                .expectEvents(recorded(ScanOutcome.counted("o1", "COUNTED", "BARCODE", "(01)" + GTIN_S + "(21)X1", GTIN_S,
                        "X1", null, "D-01", "3", 1, SEEN)));
        fixture.given(counting(first))
                .when(scan("o2", "BARCODE", "(01)" + GTIN_S + "(21)X1", GTIN_S, "D-01", "X1"))
                .expectNoEvents();
        fixture.given(counting(first))
                .when(scan("o3", "BARCODE", "(01)" + GTIN_S + "(21)X2", GTIN_S, "D-01", "X2"))
                .expectEvents(recorded(ScanOutcome.counted("o3", "COUNTED", "BARCODE", "(01)" + GTIN_S + "(21)X2", GTIN_S,
                        "X2", null, "D-01", "3", 2, SEEN)));
    }

    @Test
    void anRfidLineCountsDistinctEpcsAndAnUnknownTagIsUnmatched() {
        ScanCounted tag = new ScanCounted(S, "o1", "4", 1, SEEN, "COUNTED", "EPC", "3034AA", GTIN_R, "7", "3034AA");
        fixture.given(counting())
                .when(scan("o1", "EPC", "3034AA", GTIN_R, "D-01", "7"))
                .expectEvents(recorded(ScanOutcome.counted("o1", "COUNTED", "EPC", "3034AA", GTIN_R, "7", "3034AA", "D-01",
                        "4", 1, SEEN)));
        fixture.given(counting(tag))
                .when(scan("o2", "EPC", "3034AA", GTIN_R, "D-01", "7"))
                .expectNoEvents();
        fixture.given(counting())
                .when(scan("o3", "EPC", "E28011", null, "D-01", null))
                .expectEvents(recorded(ScanOutcome.unmatched("o3", "EPC", "E28011", null, "D-01", SEEN,
                        "code E28011 decodes to no GTIN")));
    }

    @Test
    void scansArrivingTogetherAreDecidedInOrderAsIfEachCameAlone() {
        fixture.given(counting())
                .when(new RecordScans(S, List.of(
                        new Scan("o1", "HH-1", "EPC", "3034AA", GTIN_R, "D-01", null, SEEN, "7"),
                        new Scan("o2", "HH-1", "EPC", "3034AA", GTIN_R, "D-01", null, SEEN, "7"),
                        new Scan("o3", "HH-1", "BIN_LABEL", "D-02", null, null, null, SEEN, null),
                        new Scan("o4", "HH-1", "BARCODE", GTIN_A, GTIN_A, null, null, SEEN, null),
                        new Scan("o5", "HH-1", "BARCODE", GTIN_A, GTIN_A, null, null, SEEN, null),
                        new Scan("o6", "HH-1", "EPC", "3034AB", GTIN_R, "D-01", null, SEEN, "8"))))
                .expectEvents(recorded(
                        ScanOutcome.counted("o1", "COUNTED", "EPC", "3034AA", GTIN_R, "7", "3034AA", "D-01", "4", 1, SEEN),
                        ScanOutcome.binSet("o3", "D-02", "D-02", SEEN),
                        ScanOutcome.counted("o4", "COUNTED", "BARCODE", GTIN_A, GTIN_A, null, null, "D-02", "5", 1, SEEN),
                        ScanOutcome.counted("o5", "COUNTED", "BARCODE", GTIN_A, GTIN_A, null, null, "D-02", "5", 2, SEEN),
                        ScanOutcome.counted("o6", "COUNTED", "EPC", "3034AB", GTIN_R, "8", "3034AB", "D-01", "4", 2, SEEN)));
    }

    @Test
    void aTagAlreadyCountedByAnEarlierBatchIsNotCountedAgain() {
        ScansRecorded earlier = recorded(
                ScanOutcome.counted("o1", "COUNTED", "EPC", "3034AA", GTIN_R, "7", "3034AA", "D-01", "4", 1, SEEN));
        fixture.given(counting(earlier))
                .when(new RecordScans(S, List.of(new Scan("o2", "HH-1", "EPC", "3034AA", GTIN_R, "D-01", null, SEEN, "7"),
                        new Scan("o3", "HH-1", "EPC", "3034AC", GTIN_R, "D-01", null, SEEN, "9"))))
                .expectEvents(recorded(
                        ScanOutcome.counted("o3", "COUNTED", "EPC", "3034AC", GTIN_R, "9", "3034AC", "D-01", "4", 2, SEEN)));
    }

    private static final String TAG = "3034257BF7194E4000001A85";
    private static final String FOREIGN = "E2801160600002054E6A1A2B";

    private static ScansRecorded counted(String id, String epc) {
        return recorded(ScanOutcome.counted(id, "COUNTED", "EPC", epc, GTIN_R, "7", epc, "D-01", "4", 1, SEEN));
    }

    private static ScansRecorded unmatchedTag(String id, String epc) {
        return recorded(ScanOutcome.unmatched(id, "EPC", epc, null, "D-01", SEEN, "code " + epc + " decodes to no GTIN"));
    }

    private static RecordScans tagRead(String id, String epc, String gtin) {
        return scan(id, "EPC", epc, gtin, "D-01", gtin == null ? null : "7");
    }

    @Test
    void aTagReadAgainAfterItWentUnmatchedRecordsNothing() {
        fixture.given(counting(unmatchedTag("o1", FOREIGN)))
                .when(tagRead("o1", FOREIGN, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // an older stream recorded it in a ScanUnmatched of its own
        fixture.given(counting(unmatched("o1", "EPC", FOREIGN, "code " + FOREIGN + " decodes to no GTIN")))
                .when(tagRead("o2", FOREIGN, null))
                .expectNoEvents();
    }

    @Test
    void aTagReadAgainAfterItsScanWasRemovedIsNotCountedAgain() {
        fixture.given(counting(counted("o1", TAG), new ScanRemoved(S, "o1", "4", null, TAG, NOW, "ann")))
                .when(tagRead("o1", TAG, GTIN_R))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(counting(unmatchedTag("o1", FOREIGN), new ScanRemoved(S, "o1", null, null, null, NOW, "ann")))
                .when(tagRead("o1", FOREIGN, null))
                .expectNoEvents();
    }

    @Test
    void aTagReadAgainAfterItWasDismissedOrMatchedRecordsNothing() {
        fixture.given(counting(unmatchedTag("o1", FOREIGN), new ScanDismissed(S, "o1", "customer's jacket", NOW, "ann")))
                .when(tagRead("o1", FOREIGN, null))
                .expectNoEvents();
        fixture.given(counting(unmatchedTag("o1", FOREIGN), new ScanMatched(S, "o1", "4", 1, "COUNTED", NOW, "ann")))
                .when(tagRead("o1", FOREIGN, null))
                .expectNoEvents();
    }

    @Test
    void aCountedTagIsNotTakenAgainWhateverLineOrCaseItIsReadWith() {
        // old per-scan events, a new batch event, and a read in lower case or reporting another bin
        fixture.given(counting(new ScanCounted(S, "o1", "4", 1, SEEN, "COUNTED", "EPC", TAG, GTIN_R, "7", TAG)))
                .when(tagRead("o2", TAG.toLowerCase(), GTIN_R))
                .expectNoEvents();
        fixture.given(counting(counted("o1", TAG)))
                .when(scan("o2", "EPC", TAG, GTIN_A, "D-02", null))
                .expectNoEvents();
    }

    @Test
    void anUnmatchedTagReadTwiceInOneBatchIsRecordedOnce() {
        fixture.given(counting())
                .when(new RecordScans(S, List.of(new Scan("o1", "HH-1", "EPC", FOREIGN, null, "D-01", null, SEEN, null),
                        new Scan("o1", "HH-1", "EPC", FOREIGN.toLowerCase(), null, "D-01", null, SEEN, null))))
                .expectEvents(unmatchedTag("o1", FOREIGN));
    }

    @Test
    void aLargeBatchIsRecordedInEventsOfAtMostAChunkOfOutcomes() {
        List<Scan> tags = new ArrayList<>();
        for (int i = 0; i < SessionAggregate.SCAN_CHUNK * 2 + 1; i++) {
            tags.add(new Scan("o" + i, "HH-1", "EPC", "EPC-" + i, GTIN_R, "D-01", null, SEEN, Integer.toString(i)));
        }
        fixture.given(counting())
                .when(new RecordScans(S, tags))
                .expectEventsMatching(payloadsMatching(
                        exactSequenceOf(
                                sized(SessionAggregate.SCAN_CHUNK), sized(SessionAggregate.SCAN_CHUNK), sized(1),
                                andNoMore())));
    }

    private static Matcher<Object> sized(int outcomes) {
        return new CustomTypeSafeMatcher<>("ScansRecorded of " + outcomes + " outcomes") {
            @Override
            protected boolean matchesSafely(Object event) {
                return event instanceof ScansRecorded recorded && recorded.scans().size() == outcomes;
            }
        };
    }

    @Test
    void removingAWrongScanTakesItsUnitBack() {
        fixture.given(counting(counted("o1", "1", 1, "COUNTED", GTIN_A), counted("o2", "1", 2, "COUNTED", GTIN_A)))
                .when(new RemoveScan(S, "ann", "o2", "1", null))
                .expectEvents(new ScanRemoved(S, "o2", "1", 1L, null, NOW, "ann"));
    }

    @Test
    void removingTheOnlyScanOfALineLeavesItBlank() {
        fixture.given(counting(counted("o1", "1", 1, "COUNTED", GTIN_A)))
                .when(new RemoveScan(S, "ann", "o1", "1", null))
                .expectEvents(new ScanRemoved(S, "o1", "1", null, null, NOW, "ann"));
    }

    @Test
    void removingASerialScanTakesTheSerialOff() {
        ScanCounted x1 = new ScanCounted(S, "o1", "3", 1, SEEN, "COUNTED", "BARCODE", "c1", GTIN_S, "X1", null);
        ScanCounted x2 = new ScanCounted(S, "o2", "3", 2, SEEN, "COUNTED", "BARCODE", "c2", GTIN_S, "X2", null);
        fixture.given(counting(x1, x2))
                .when(new RemoveScan(S, "ann", "o2", "3", "X2"))
                .expectEvents(new ScanRemoved(S, "o2", "3", 1L, "X2", NOW, "ann"));
    }

    @Test
    void anUnmatchedScanIsRemovedOrMatchedToCountedOrUndirected() {
        List<Object> open = counting(unmatched("o1", "BARCODE", "999", "code 999 decodes to no GTIN"));
        fixture.given(open)
                .when(new RemoveScan(S, "ann", "o1", null, null))
                .expectEvents(new ScanRemoved(S, "o1", null, null, null, NOW, "ann"));
        fixture.given(open)
                .when(new MatchScan(S, "ann", "o1", "1"))
                .expectEvents(new ScanMatched(S, "o1", "1", 1, "COUNTED", NOW, "ann"));
        fixture.given(open)
                .when(new MatchScan(S, "ann", "o1", "2"))
                .expectEvents(new ScanMatched(S, "o1", "2", 1, "UNDIRECTED", NOW, "ann"));
    }

    @Test
    void matchingAProductWithoutALineAddsOneWithNothingExpectedAndCompletionReportsIt() {
        QuantSnapshot found = new QuantSnapshot(null, "SKU-N", "Product N", "D-01", "Display", "", "BULK",
                List.of("00000000000109"), null, 0, null, List.of());
        List<Object> open = counting(unmatched("o1", "BARCODE", "00000000000109", "no line for GTIN 00000000000109 in bin D-01"));
        LineAdded added = new LineAdded(S, new SnapshotLine("6", found), NOW, "ann");
        ScanMatched matched = new ScanMatched(S, "o1", "6", 1, "UNDIRECTED", NOW, "ann");
        fixture.given(open)
                .when(new MatchScanOnNewLine(S, "ann", "o1", found))
                .expectEvents(added, matched);
        List<Object> history = new ArrayList<>(open);
        history.addAll(List.of(added, matched));
        fixture.given(history)
                .when(new CompleteSession(S, "ann"))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        new CustomTypeSafeMatcher<Object>("the new line, without quant, system quantity 0") {
                            @Override
                            protected boolean matchesSafely(Object event) {
                                return event.equals(new SessionEvents.SessionResultRecorded(S, "count-1", 1, 0, 1,
                                        List.of(new ResultLine("6", null, "SKU-N", "D-01", "", "BULK", 0, 1, NOW, null))));
                            }
                        },
                        new CustomTypeSafeMatcher<Object>("the completion") {
                            @Override
                            protected boolean matchesSafely(Object event) {
                                return event instanceof SessionEvents.SessionCompleted;
                            }
                        }, andNoMore())));
    }

    @Test
    void onlyAnOpenUnmatchedScanCanBeMatched() {
        fixture.given(counting(counted("o1", "1", 1, "COUNTED", GTIN_A)))
                .when(new MatchScan(S, "ann", "o1", "2"))
                .expectNoEvents()
                .expectExceptionMessage("scan o1 is not an open unmatched scan of this session");
    }

    @Test
    void aForeignTagIsDismissedWithAReasonButABarcodeIsNot() {
        fixture.given(counting(unmatched("o1", "EPC", "E28011", "code E28011 decodes to no GTIN")))
                .when(new DismissScan(S, "ann", "o1", "foreign tag on a customer's jacket"))
                .expectEvents(new ScanDismissed(S, "o1", "foreign tag on a customer's jacket", NOW, "ann"));
        fixture.given(counting(unmatched("o1", "BARCODE", "999", "code 999 decodes to no GTIN")))
                .when(new DismissScan(S, "ann", "o1", "noise"))
                .expectNoEvents()
                .expectExceptionMessage("only RFID tags can be dismissed; match or remove scan o1");
    }

    @Test
    void submitIsRefusedWhileUnmatchedScansRemainAndAllowedOnceResolved() {
        fixture.given(counting(unmatched("o1", "BARCODE", "999", "x")))
                .when(new CompleteSession(S, "ann"))
                .expectNoEvents()
                .expectExceptionMessage("1 unmatched scans remain; match, remove or dismiss them first");
        fixture.given(counting(unmatched("o1", "EPC", "E2", "x"), new ScanDismissed(S, "o1", "foreign", NOW, "ann")))
                .when(new CompleteSession(S, "ann"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void handCountedItemsSetOrStepTheirLines() {
        fixture.given(counting(new LineCounted(S, "1", 3, SEEN)))
                .when(new HandCount(S, "ann", List.of(new HandCount.Item("1", null, 2L), new HandCount.Item("3", 5L, null),
                        new HandCount.Item("1", null, -1L))))
                .expectEvents(new LineCounted(S, "1", 4, NOW), new LineCounted(S, "3", 5, NOW));
    }

    @Test
    void aHandCountCannotGoBelowZero() {
        fixture.given(counting(new LineCounted(S, "1", 1, SEEN)))
                .when(new HandCount(S, "ann", List.of(new HandCount.Item("1", null, -2L))))
                .expectNoEvents()
                .expectExceptionMessage("SKU-A would go below zero (1 -2)");
    }

    @Test
    void inADirectedCountOnlyListedProductsCanBeHandCounted() {
        fixture.given(counting())
                .when(new HandCount(S, "ann", List.of(new HandCount.Item("2", 1L, null))))
                .expectNoEvents()
                .expectExceptionMessage("SKU-B is not on the directed list of this count");
    }

    @Test
    void completionPublishesTheSerialsSeenAndExpectedBeforeTheCompletion() {
        ScanCounted x1 = new ScanCounted(S, "o1", "3", 1, SEEN, "COUNTED", "BARCODE", "c1", GTIN_S, "X1", null);
        ScanCounted x2 = new ScanCounted(S, "o2", "3", 2, SEEN, "COUNTED", "BARCODE", "c2", GTIN_S, "X2", null);
        fixture.given(counting(x1, x2))
                .when(new CompleteSession(S, "ann"))
                .expectEvents(
                        new SessionEvents.SessionResultRecorded(S, "count-1", 1, 0, 1, List.of(new ResultLine("3", "q3",
                                "SKU-S", "D-01", "", "SERIAL", 2, 2, SEEN, BigDecimal.TEN))),
                        new SessionEvents.SessionSerialsRecorded(S, "count-1", 1, 0, 1, List.of(
                                new com.stockcount.contracts.count.v1.LineSerial("3", "X1", null, true, SEEN),
                                new com.stockcount.contracts.count.v1.LineSerial("3", "X9", null, true, null),
                                new com.stockcount.contracts.count.v1.LineSerial("3", "X2", null, false, SEEN))),
                        new SessionEvents.SessionCompleted(S, "count-1", "STORE-1", "Display", CountType.DIRECTED, 1, NOW,
                                "ann", 1, 1, 1, 3));
    }

    @Test
    void aSerialTypedOnASerialLineCountsOnceAndABulkLineTakesNoSerial() {
        ScanCounted x1 = new ScanCounted(S, "o1", "3", 1, SEEN, "COUNTED", "BARCODE", "c1", GTIN_S, "X1", null);
        fixture.given(counting(x1))
                .when(new SessionCommands.TypeSerial(S, "ann", "e1", "3", " X2 "))
                .expectEvents(new ScanCounted(S, "e1", "3", 2, NOW, "COUNTED", "SERIAL", "X2", null, "X2", null));
        fixture.given(counting(x1))
                .when(new SessionCommands.TypeSerial(S, "ann", "e2", "3", "X1"))
                .expectNoEvents()
                .expectExceptionMessage("serial X1 is already counted on line 3");
        fixture.given(counting())
                .when(new SessionCommands.TypeSerial(S, "ann", "e3", "1", "X1"))
                .expectNoEvents()
                .expectExceptionMessage("line 1 is BULK; type its quantity instead");
    }
}
