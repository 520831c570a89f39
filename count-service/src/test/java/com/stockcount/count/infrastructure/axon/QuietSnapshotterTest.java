package com.stockcount.count.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.count.sessions.domain.SessionAggregate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.junit.jupiter.api.Test;

class QuietSnapshotterTest {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private final List<String> taken = new ArrayList<>();
    private long now = 1_000_000_000L;
    private final QuietSnapshotter snapshotter = new QuietSnapshotter((type, id) -> taken.add(id), () -> now,
            Runnable::run, QUIET, MAX_DELAY);

    @Test
    void aRequestedSnapshotIsTakenOnceTheSessionHasBeenQuietForThePeriod() {
        snapshotter.scheduleSnapshot(SessionAggregate.class, "s-1");

        after(Duration.ofMillis(1_999));
        assertThat(snapshotter.takeDue()).isZero();
        after(Duration.ofMillis(1));
        assertThat(snapshotter.takeDue()).isOne();
        assertThat(taken).containsExactly("s-1");
        assertThat(snapshotter.pending()).isZero();
    }

    @Test
    void eachCommandOfTheSessionPutsItsPendingSnapshotOffUntilTheSessionIsQuiet() {
        SnapshotTrigger trigger = loaded(3);
        // the 4th event asks for the snapshot; the events of the next commands keep it waiting
        for (int event = 0; event < 10; event++) {
            trigger.eventHandled(event("s-1", event));
            after(Duration.ofSeconds(1));
            assertThat(snapshotter.takeDue()).isZero();
        }
        after(Duration.ofSeconds(1));
        assertThat(snapshotter.takeDue()).isOne();
        assertThat(taken).containsExactly("s-1");
    }

    @Test
    void aSessionThatNeverGoesQuietHasItsSnapshotAtTheMaximumDelay() {
        SnapshotTrigger trigger = loaded(0);
        trigger.eventHandled(event("s-1", 0));
        for (int second = 1; second < 60; second++) {
            after(Duration.ofSeconds(1));
            trigger.eventHandled(event("s-1", second));
            assertThat(snapshotter.takeDue()).isZero();
        }
        after(Duration.ofSeconds(1));

        assertThat(snapshotter.takeDue()).isOne();
        assertThat(taken).containsExactly("s-1");
        // the stream goes on: the next request waits its own turn
        trigger.eventHandled(event("s-1", 60));
        assertThat(snapshotter.pending()).isOne();
        assertThat(snapshotter.takeDue()).isZero();
    }

    @Test
    void requestsMadeWhileASnapshotIsPendingAreThatOneSnapshot() {
        snapshotter.scheduleSnapshot(SessionAggregate.class, "s-1");
        snapshotter.scheduleSnapshot(SessionAggregate.class, "s-1");
        snapshotter.scheduleSnapshot(SessionAggregate.class, "s-2");
        after(QUIET);

        assertThat(snapshotter.takeDue()).isEqualTo(2);
        assertThat(taken).containsExactlyInAnyOrder("s-1", "s-2");
    }

    @Test
    void eventsReplayedWhileLoadingCountTowardsTheThresholdButAreNotActivity() {
        SnapshotTrigger trigger = snapshotter.triggerDefinition(2).prepareTrigger(SessionAggregate.class);
        for (int event = 0; event < 3; event++) {
            trigger.eventHandled(event("s-1", event));
        }
        after(Duration.ofSeconds(1));
        trigger.eventHandled(event("s-1", 3));
        trigger.initializationFinished();
        after(Duration.ofSeconds(1));

        // asked for by the load, which was 2 s ago: no command since
        assertThat(snapshotter.takeDue()).isOne();
    }

    @Test
    void aSessionOtherThanTheActiveOneIsNotHeldBack() {
        snapshotter.scheduleSnapshot(SessionAggregate.class, "quiet");
        SnapshotTrigger busy = loaded(100);
        after(Duration.ofSeconds(1));
        busy.eventHandled(event("busy", 0));
        after(Duration.ofSeconds(1));

        assertThat(snapshotter.takeDue()).isOne();
        assertThat(taken).containsExactly("quiet");
    }

    @Test
    void aSnapshotIsAskedForOnlyOnceTheCommandThatCrossedTheThresholdHasCommitted() {
        List<Runnable> commits = new ArrayList<>();
        QuietSnapshotter inTransaction = new QuietSnapshotter((type, id) -> taken.add(id), () -> now, commits::add,
                QUIET, MAX_DELAY);
        SnapshotTrigger trigger = inTransaction.triggerDefinition(0).prepareTrigger(SessionAggregate.class);
        trigger.initializationFinished();
        trigger.eventHandled(event("s-1", 0));
        after(QUIET);
        assertThat(inTransaction.takeDue()).isZero();

        commits.forEach(Runnable::run);
        after(QUIET);
        assertThat(inTransaction.takeDue()).isOne();
        assertThat(taken).containsExactly("s-1");
    }

    private SnapshotTrigger loaded(int threshold) {
        SnapshotTrigger trigger = snapshotter.triggerDefinition(threshold).prepareTrigger(SessionAggregate.class);
        trigger.initializationFinished();
        return trigger;
    }

    private static GenericDomainEventMessage<String> event(String id, long sequence) {
        return new GenericDomainEventMessage<>("SessionAggregate", id, sequence, "event " + sequence);
    }

    private void after(Duration duration) {
        now += duration.toNanos();
    }
}
