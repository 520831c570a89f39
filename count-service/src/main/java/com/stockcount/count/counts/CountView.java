package com.stockcount.count.counts;

import com.stockcount.count.sessions.SessionView;
import java.time.Instant;
import java.util.List;

/** A count with its sessions, as the REST API shows it; {@code bin} is null for a whole-site count. */
public record CountView(
        String id,
        String site,
        String name,
        String type,
        String bin,
        Instant plannedStart,
        String notes,
        Instant createdAt,
        List<SessionView> sessions) {
}
