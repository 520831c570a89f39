package com.stockcount.count.counts.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A planned counting job at a site. It is created with the id of its default session; the session
 * itself is its own aggregate (it holds the lines and all counting activity), created right after
 * in the same transaction. Later issues add sessions, areas and the pre-start permission here.
 */
public class CountAggregate {

    @AggregateIdentifier
    private String countId;

    protected CountAggregate() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public CountAggregate(CreateCount command, Clock clock) {
        Instant now = clock.instant();
        apply(new CountCreated(command.countId(), command.site(), command.name(), command.type(), command.bin(),
                command.plannedStart() == null ? now : command.plannedStart(), command.notes(), now,
                command.defaultSessionId(), command.directed()));
    }

    @EventSourcingHandler
    void on(CountCreated event) {
        countId = event.countId();
    }
}
