package com.stockcount.contracts.count.v1;

import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * A session was submitted: its counted lines, published just before as {@code parts}
 * {@link SessionResultPart}s of the same revision, are final. Topic {@code count.session.v1}, key: session id.
 * A re-opened and re-completed session publishes a new, higher revision that replaces the earlier one.
 *
 * @param revision     1 for the first completion, +1 for each completion after a re-open
 * @param countedLines number of lines across all parts
 * @param parts        number of {@link SessionResultPart}s published before this event (0 when nothing was counted)
 * @param serialParts  number of {@link SessionSerialsPart}s published before this event
 * @param serials      number of serials across those parts
 */
public record SessionCompleted(
        String sessionId,
        String countId,
        String siteCode,
        String sessionName,
        String countType,
        int revision,
        Instant completedAt,
        String completedBy,
        int countedLines,
        int parts,
        int serialParts,
        int serials) {

    public static final String TYPE = "SessionCompleted";
    public static final int VERSION = 1;

    public SessionCompleted {
        Require.text(sessionId, "sessionId");
        Require.text(countId, "countId");
        Require.text(siteCode, "siteCode");
        Require.present(completedAt, "completedAt");
        Require.revision(revision);
        if (countedLines < 0 || parts < 0 || serialParts < 0 || serials < 0) {
            throw new IllegalArgumentException("countedLines, parts, serialParts and serials must not be negative");
        }
    }

    public String eventId() {
        return sessionId + ":" + revision + ":completed";
    }
}
