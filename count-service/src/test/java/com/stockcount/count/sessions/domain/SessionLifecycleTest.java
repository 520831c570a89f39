package com.stockcount.count.sessions.domain;

import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.DiscardSession;
import com.stockcount.count.sessions.domain.SessionCommands.EditSession;
import com.stockcount.count.sessions.domain.SessionCommands.ReopenSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCompleted;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SessionEvents.SessionDiscarded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionEdited;
import com.stockcount.count.sessions.domain.SessionEvents.SessionReopened;
import com.stockcount.count.sessions.domain.SessionEvents.SessionResultRecorded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-open, discard and edit: the lifecycle of DOMAIN.md, each refusal included. */
class SessionLifecycleTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant EARLIER = Instant.parse("2025-03-01T09:00:00Z");
    private static final String S = "session-1";
    private static final String C = "count-1";

    private AggregateTestFixture<SessionAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SessionAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SessionCreated created() {
        return new SessionCreated(S, C, "STORE-1", "Session 1", CountType.HARD, "A-01", EARLIER, 1, null, EARLIER, List.of());
    }

    private static LinesSnapshotted oneLine() {
        return new LinesSnapshotted(S, 0, List.of(new SnapshotLine("1", new QuantSnapshot("q1", "SKU-1", "Product 1",
                "A-01", "Backstock", "", "BULK", List.of("00000000000011"), new BigDecimal("2.50"), 10, null, List.of()))));
    }

    private static SessionCompleted completed(int revision) {
        return new SessionCompleted(S, C, "STORE-1", "Session 1", CountType.HARD, revision, EARLIER, "ann", 1, 1, 0, 0);
    }

    private static ResultLine result(long counted, Instant at) {
        return new ResultLine("1", "q1", "SKU-1", "A-01", "", "BULK", 10, counted, at, new BigDecimal("2.50"));
    }

    @Test
    void aCompletedSessionIsReopenedIntoCounting() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER), completed(1))
                .when(new ReopenSession(S, "ann"))
                .expectEvents(new SessionReopened(S, 1, NOW, "ann"));
    }

    @Test
    void completingAfterAReopenPublishesTheNextRevisionWithTheWholeNewResult() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER), new LineCounted(S, "1", 12, EARLIER),
                        new SessionResultRecorded(S, C, 1, 0, 1, List.of(result(12, EARLIER))), completed(1),
                        new SessionReopened(S, 1, EARLIER, "ann"), new LineCounted(S, "1", 9, NOW))
                .when(new CompleteSession(S, "ann"))
                .expectEvents(new SessionResultRecorded(S, C, 2, 0, 1, List.of(result(9, NOW))),
                        new SessionCompleted(S, C, "STORE-1", "Session 1", CountType.HARD, 2, NOW, "ann", 1, 1, 0, 0));
    }

    @Test
    void aSessionInProgressCannotBeReopened() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER))
                .when(new ReopenSession(S, "ann"))
                .expectNoEvents()
                .expectException(SessionRefused.class)
                .expectExceptionMessage("session is IN_PROGRESS; only a COMPLETED session can be re-opened");
    }

    @Test
    void aDraftSessionIsDiscardedWithNoRevisionToTakeBack() {
        fixture.given(created(), oneLine())
                .when(new DiscardSession(S, "ann"))
                .expectEvents(new SessionDiscarded(S, C, "STORE-1", NOW, "ann", 0));
    }

    @Test
    void aReopenedSessionIsDiscardedNamingTheRevisionToTakeBack() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER), completed(1),
                        new SessionReopened(S, 1, EARLIER, "ann"), completed(2), new SessionReopened(S, 2, EARLIER, "ann"))
                .when(new DiscardSession(S, "ann"))
                .expectEvents(new SessionDiscarded(S, C, "STORE-1", NOW, "ann", 2));
    }

    @Test
    void aCompletedSessionCannotBeDiscarded() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER), completed(1))
                .when(new DiscardSession(S, "ann"))
                .expectNoEvents()
                .expectExceptionMessage("session is COMPLETED; only a DRAFT or IN_PROGRESS session can be discarded");
    }

    @Test
    void nothingIsPossibleAfterADiscard() {
        List<Object> discarded = List.of(created(), oneLine(), new CountingStarted(S, EARLIER),
                new SessionDiscarded(S, C, "STORE-1", EARLIER, "ann", 0));
        fixture.given(discarded).when(new DiscardSession(S, "ann")).expectException(SessionRefused.class);
        fixture.given(discarded).when(new StartCounting(S, "ann", false)).expectException(SessionRefused.class);
        fixture.given(discarded).when(new CountLine(S, "ann", "1", 3))
                .expectExceptionMessage("session is DISCARDED; it can no longer be counted");
        fixture.given(discarded).when(new CompleteSession(S, "ann")).expectException(SessionRefused.class);
        fixture.given(discarded).when(new ReopenSession(S, "ann")).expectException(SessionRefused.class);
        fixture.given(discarded).when(new EditSession(S, "ann", "New", null)).expectException(SessionRefused.class);
    }

    @Test
    void nameAndAreaAreEditedWhileInProgress() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER))
                .when(new EditSession(S, "ann", "Backstock left", "Backstock"))
                .expectEvents(new SessionEdited(S, "Backstock left", "Backstock", NOW, "ann"));
    }

    @Test
    void theEditedNameIsTheOneCompleted() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER),
                        new SessionEdited(S, "Backstock left", null, EARLIER, "ann"))
                .when(new CompleteSession(S, "ann"))
                .expectEvents(new SessionCompleted(S, C, "STORE-1", "Backstock left", CountType.HARD, 1, NOW, "ann", 0, 0, 0, 0));
    }

    @Test
    void aDraftSessionCannotBeEdited() {
        fixture.given(created(), oneLine())
                .when(new EditSession(S, "ann", "New", null))
                .expectNoEvents()
                .expectExceptionMessage("session is DRAFT; name and area can only be edited IN_PROGRESS");
    }

    @Test
    void aCompletedSessionCannotBeEdited() {
        fixture.given(created(), oneLine(), new CountingStarted(S, EARLIER), completed(1))
                .when(new EditSession(S, "ann", "New", null))
                .expectException(SessionRefused.class);
    }

    @Test
    void countingCannotStartBeforeThePlannedStartWithoutThePreStartPermission() {
        Instant later = NOW.plusSeconds(3600);
        fixture.given(new SessionCreated(S, C, "STORE-1", "Session 1", CountType.HARD, "A-01", EARLIER, 1, null, later, List.of()),
                        oneLine())
                .when(new StartCounting(S, "ann", false))
                .expectNoEvents()
                .expectExceptionMessage("counting starts at 2025-03-01T11:00:00Z; starting earlier needs"
                        + " INV_COUNT_PRE_START, INV_COUNT_ADMIN or COMMON_ADMIN");
    }

    @Test
    void thePreStartPermissionStartsCountingEarly() {
        Instant later = NOW.plusSeconds(3600);
        fixture.given(new SessionCreated(S, C, "STORE-1", "Session 1", CountType.HARD, "A-01", EARLIER, 1, null, later, List.of()),
                        oneLine())
                .when(new StartCounting(S, "ann", true))
                .expectEvents(new CountingStarted(S, NOW));
    }
}
