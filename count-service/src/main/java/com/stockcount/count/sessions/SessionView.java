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
        String countType,
        String currentBin,
        Totals totals,
        Categories categories) {

    /** Who works the session, until when unless renewed; {@code null} when nobody does. */
    public record Lock(String holder, Instant expiresAt) {
    }

    /**
     * @param unitsCounted sum of the counted quantities
     * @param scans          scans applied to the session, matched or not (removed ones excluded)
     * @param unitsScanned   scans counted on a line (Counted and Undirected)
     * @param uniqueProducts distinct SKUs with a counted quantity
     */
    public record Totals(long lines, long countedLines, long blankLines, long unitsCounted, long unmatchedScans,
                         long scans, long unitsScanned, long uniqueProducts) {
    }

    /**
     * Sizes of the scan categories (seed 2); {@code undirected} and {@code uncounted} exist in DIRECTED counts only.
     *
     * @param counted    scans matched to a product of the list (HARD: to any line)
     * @param unmatched  open unmatched scans (they block a submit)
     * @param undirected scans of a real product not on the list
     * @param uncounted  lines of listed products not counted yet
     */
    public record Categories(long counted, long unmatched, Long undirected, Long uncounted) {
    }
}
