package com.stockcount.count.counts.domain;

import java.time.Instant;
import java.util.List;

/** A count was planned; {@code bin} is {@code null} when it covers the whole site. */
public record CountCreated(
        String countId,
        String site,
        String name,
        CountType type,
        String bin,
        Instant plannedStart,
        String notes,
        Instant createdAt,
        String defaultSessionId,
        List<String> directed) {

    public CountCreated {
        Text.required(countId, "countId");
        Text.required(site, "site");
        Text.required(name, "name");
        Text.present(type, "type");
        Text.present(plannedStart, "plannedStart");
        Text.present(createdAt, "createdAt");
        Text.required(defaultSessionId, "defaultSessionId");
        directed = directed == null ? List.of() : List.copyOf(directed);
    }
}
