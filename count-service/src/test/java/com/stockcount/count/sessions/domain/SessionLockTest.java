package com.stockcount.count.sessions.domain;

import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.DiscardSession;
import com.stockcount.count.sessions.domain.SessionCommands.EditSession;
import com.stockcount.count.sessions.domain.SessionCommands.ForceReleaseLock;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScans;
import com.stockcount.count.sessions.domain.SessionCommands.Scan;
import com.stockcount.count.sessions.domain.SessionCommands.ReleaseLock;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.count.sessions.domain.SessionCommands.TakeLock;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.LockExpired;
import com.stockcount.count.sessions.domain.SessionEvents.LockReleased;
import com.stockcount.count.sessions.domain.SessionEvents.LockTaken;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SessionEvents.SessionDiscarded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One user or device works a session at a time; a lock its holder stops renewing lapses after its TTL. */
class SessionLockTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final String S = "session-1";
    private static final String C = "count-1";

    private AggregateTestFixture<SessionAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SessionAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<Object> inProgress(Object... then) {
        List<Object> events = new java.util.ArrayList<>(List.of(
                new SessionCreated(S, C, "STORE-1", "Session 1", CountType.HARD, "A-01", NOW.minusSeconds(3600), 1,
                        null, NOW.minusSeconds(3600), List.of()),
                new LinesSnapshotted(S, 0, List.of(new SnapshotLine("1", new QuantSnapshot("q1", "SKU-1", "P1", "A-01",
                        "Backstock", "", "BULK", List.of("00000000000011"), BigDecimal.ONE, 10, null, List.of())))),
                new CountingStarted(S, NOW.minusSeconds(3600))));
        events.addAll(List.of(then));
        return events;
    }

    private static LockTaken lockedBy(String holder, Instant at) {
        return new LockTaken(S, holder, at, TTL);
    }

    @Test
    void aUserTakesAFreeSession() {
        fixture.given(inProgress())
                .when(new TakeLock(S, "ann", TTL))
                .expectEvents(lockedBy("ann", NOW));
    }

    @Test
    void anotherUserCannotTakeALiveLockAndIsToldWhoHoldsIt() {
        fixture.given(inProgress(lockedBy("ann", NOW.minusSeconds(60))))
                .when(new TakeLock(S, "bob", TTL))
                .expectNoEvents()
                .expectException(SessionLocked.class)
                .expectExceptionMessage("session is locked by ann until 2025-03-01T10:09:00Z unless renewed");
    }

    @Test
    void everyActionOfSomeoneElseIsRefusedWhileLocked() {
        List<Object> locked = inProgress(lockedBy("ann", NOW.minusSeconds(60)));
        fixture.given(locked).when(new CountLine(S, "bob", "1", 3)).expectException(SessionLocked.class);
        fixture.given(locked).when(new EditSession(S, "bob", "x", null)).expectException(SessionLocked.class);
        fixture.given(locked).when(new DiscardSession(S, "bob")).expectException(SessionLocked.class);
        fixture.given(locked).when(new CompleteSession(S, "bob")).expectException(SessionLocked.class);
        fixture.given(locked).when(new ReleaseLock(S, "bob")).expectException(SessionLocked.class);
    }

    @Test
    void startingIsRefusedWhileSomeoneElseHoldsTheLock() {
        fixture.given(inProgress().get(0), inProgress().get(1), lockedBy("ann", NOW))
                .when(new StartCounting(S, "bob", true))
                .expectException(SessionLocked.class);
    }

    @Test
    void theHolderWorksOnAndAnActionLateInTheTtlRenewsTheLock() {
        fixture.given(inProgress(lockedBy("ann", NOW.minusSeconds(300))))
                .when(new CountLine(S, "ann", "1", 3))
                .expectEvents(new LineCounted(S, "1", 3, NOW), lockedBy("ann", NOW));
    }

    @Test
    void anActionSoonAfterARenewalRecordsNoHeartbeat() {
        fixture.given(inProgress(lockedBy("ann", NOW.minusSeconds(30))))
                .when(new CountLine(S, "ann", "1", 3))
                .expectEvents(new LineCounted(S, "1", 3, NOW));
    }

    @Test
    void takingTheLockAgainIsAHeartbeat() {
        fixture.given(inProgress(lockedBy("ann", NOW.minusSeconds(30))))
                .when(new TakeLock(S, "ann", TTL))
                .expectEvents(lockedBy("ann", NOW));
    }

    @Test
    void aLockNotRenewedWithinItsTtlLapsesWhenSomeoneElseActs() {
        fixture.given(inProgress(lockedBy("device:HH-7", NOW.minus(TTL).minusSeconds(1))))
                .when(new CountLine(S, "bob", "1", 3))
                .expectEvents(new LockExpired(S, "device:HH-7", NOW), new LineCounted(S, "1", 3, NOW));
    }

    @Test
    void theHolderReleasesTheLock() {
        fixture.given(inProgress(lockedBy("ann", NOW)))
                .when(new ReleaseLock(S, "ann"))
                .expectEvents(new LockReleased(S, "ann", NOW, "ann", false));
    }

    @Test
    void anUnlockedSessionCannotBeReleased() {
        fixture.given(inProgress())
                .when(new ReleaseLock(S, "ann"))
                .expectExceptionMessage("session is not locked");
        fixture.given(inProgress())
                .when(new ForceReleaseLock(S, "admin"))
                .expectExceptionMessage("session is not locked");
    }

    @Test
    void anAdministratorForceReleasesAnotherUsersLock() {
        fixture.given(inProgress(lockedBy("ann", NOW)))
                .when(new ForceReleaseLock(S, "admin"))
                .expectEvents(new LockReleased(S, "ann", NOW, "admin", true));
    }

    @Test
    void aDiscardedSessionCannotBeLocked() {
        fixture.given(inProgress(new SessionDiscarded(S, C, "STORE-1", NOW, "ann", 0)))
                .when(new TakeLock(S, "ann", TTL))
                .expectExceptionMessage("session is DISCARDED; there is nothing to lock");
    }

    @Test
    void scansOfAnotherDeviceAreRefusedWhileADeviceHoldsTheLock() {
        fixture.given(inProgress(lockedBy("device:HH-7", NOW)))
                .when(new RecordScans(S, List.of(new Scan("o1", "HH-8", "BARCODE", "00000000000011", "00000000000011", null,
                        null, NOW, null))))
                .expectException(SessionLocked.class);
    }

    @Test
    void scansOfTheHoldingDeviceAndUnderAUsersLockAreCounted() {
        RecordScans scan = new RecordScans(S, List.of(new Scan("o1", "HH-7", "BARCODE", "00000000000011", "00000000000011",
                null, null, NOW, null)));
        ScansRecorded counted = new ScansRecorded(S, List.of(ScanOutcome.counted("o1", "COUNTED", "BARCODE",
                "00000000000011", "00000000000011", null, null, "A-01", "1", 1, NOW)));
        fixture.given(inProgress(lockedBy("device:HH-7", NOW)))
                .when(scan)
                .expectEvents(counted);
        fixture.given(inProgress(lockedBy("ann", NOW)))
                .when(scan)
                .expectEvents(counted);
    }
}
