package com.stockcount.count.counts.domain;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Plan a count at a site.
 *
 * @param bin          the one bin to count, or {@code null} for the whole site
 * @param plannedStart when counting may start, or {@code null} for now
 * @param directed     SKUs to count in a DIRECTED count; empty: every product in scope
 */
public record CreateCount(
        @TargetAggregateIdentifier String countId,
        String site,
        String name,
        CountType type,
        String bin,
        Instant plannedStart,
        String notes,
        String defaultSessionId,
        List<String> directed) {

    public CreateCount {
        Text.required(countId, "countId");
        Text.required(site, "site");
        Text.required(name, "name");
        Text.present(type, "type");
        Text.required(defaultSessionId, "defaultSessionId");
        bin = Text.optional(bin);
        notes = Text.optional(notes);
        directed = directed == null ? List.of() : List.copyOf(directed);
        if (type == CountType.HARD && !directed.isEmpty()) {
            throw new IllegalArgumentException("directed: a HARD count is blind and has no directed list");
        }
    }
}
