package com.stockcount.count.infrastructure.axon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Holds a requested snapshot of an aggregate back until the aggregate has had no new event for {@code quietPeriod},
 * or until {@code maxDelay} after the request whatever happens, then has {@code snapshotter} take it on the thread
 * that calls {@link #takeDue()}. At most one snapshot of an aggregate is pending: requests made meanwhile are the
 * same request. Why, and the bound this keeps on loading a session, is argued in {@link AxonConfiguration}.
 *
 * <p>Time is read from {@code nanoTime} (monotonic; injectable, so a test steps it instead of sleeping), not from
 * the aggregates' clock, which a test may fix.
 */
final class QuietSnapshotter implements Snapshotter {

    private final Snapshotter snapshotter;
    private final LongSupplier nanoTime;
    private final Consumer<Runnable> afterCommit;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param afterCommit runs a trigger's request once the command's transaction has committed: a snapshot is taken
     *                    from the store, which has none of the command's events before that
     */
    QuietSnapshotter(Snapshotter snapshotter, LongSupplier nanoTime, Consumer<Runnable> afterCommit, Duration quietPeriod,
                     Duration maxDelay) {
        this.snapshotter = snapshotter;
        this.nanoTime = nanoTime;
        this.afterCommit = afterCommit;
        this.quietNanos = quietPeriod.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** A snapshot is wanted: it is taken once the aggregate is quiet, at most {@code maxDelay} from the first request. */
    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        long now = nanoTime.getAsLong();
        pending.compute(new Key(aggregateType, aggregateIdentifier), (key, waiting) -> {
            if (waiting == null) {
                return new Pending(now);
            }
            waiting.lastActive = now;
            return waiting;
        });
    }

    /** Takes the snapshots that are due, one after the other on the calling thread; how many were due. */
    int takeDue() {
        long now = nanoTime.getAsLong();
        int due = 0;
        for (Map.Entry<Key, Pending> entry : pending.entrySet()) {
            Pending waiting = entry.getValue();
            if ((now - waiting.lastActive >= quietNanos || now - waiting.requested >= maxDelayNanos)
                    && pending.remove(entry.getKey(), waiting)) {
                snapshotter.scheduleSnapshot(entry.getKey().type(), entry.getKey().id());
                due++;
            }
        }
        return due;
    }

    /** Snapshots requested and not yet taken. */
    int pending() {
        return pending.size();
    }

    /**
     * Asks for a snapshot after {@code threshold} events loaded or applied (as Axon's event count trigger does), and
     * tells this snapshotter of every event a command applies, which puts a pending snapshot off.
     */
    SnapshotTriggerDefinition triggerDefinition(int threshold) {
        return aggregateType -> new Trigger(aggregateType, threshold);
    }

    private void active(Class<?> aggregateType, String aggregateIdentifier) {
        Pending waiting = pending.get(new Key(aggregateType, aggregateIdentifier));
        if (waiting != null) {
            waiting.lastActive = nanoTime.getAsLong();
        }
    }

    private record Key(Class<?> type, String id) {
    }

    private static final class Pending {
        private final long requested;
        private volatile long lastActive;

        Pending(long now) {
            requested = now;
            lastActive = now;
        }
    }

    /** One per loaded aggregate (kept with it in the cache), used by one command at a time. */
    private final class Trigger implements SnapshotTrigger {
        private final Class<?> aggregateType;
        private final int threshold;
        private int events;
        private boolean loaded;

        Trigger(Class<?> aggregateType, int threshold) {
            this.aggregateType = aggregateType;
            this.threshold = threshold;
        }

        @Override
        public void eventHandled(EventMessage<?> event) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                return;
            }
            String id = domainEvent.getAggregateIdentifier();
            if (loaded) {
                active(aggregateType, id);
            }
            if (++events > threshold) {
                afterCommit.accept(() -> scheduleSnapshot(aggregateType, id));
                events = 0;
            }
        }

        @Override
        public void initializationFinished() {
            loaded = true;
        }
    }
}
