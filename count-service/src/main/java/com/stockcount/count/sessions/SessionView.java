package com.stockcount.count.sessions;

import java.time.Instant;

/** A session as the REST API shows it. */
public record SessionView(
        String id,
        String countId,
        String site,
        String name,
        String bin,
        String area,
        String status,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant discardedAt,
        int revision,
        Lock lock,
        Totals totals) {

    /** Who works the session, until when unless renewed; {@code null} when nobody does. */
    public record Lock(String holder, Instant expiresAt) {
    }

    /**
     * @param unitsCounted sum of the counted quantities
     * @param scans        scans applied to the session, matched or not
     */
    public record Totals(long lines, long countedLines, long blankLines, long unitsCounted, long unmatchedScans,
                         long scans) {
    }
}
