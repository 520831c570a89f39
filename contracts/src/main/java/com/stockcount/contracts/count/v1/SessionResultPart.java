package com.stockcount.contracts.count.v1;

import com.stockcount.contracts.Require;
import java.util.List;

/**
 * One slice of a completed session's counted lines. Topic {@code count.session.v1}, key: session id.
 * A session's result is published as parts {@code 0..parts-1} followed by {@link SessionCompleted}
 * of the same revision, all on one partition; slicing keeps every message far below Kafka's 1 MB
 * default however large the session.
 */
public record SessionResultPart(
        String sessionId,
        String countId,
        int revision,
        int part,
        int parts,
        List<CountedLine> lines) {

    public static final String TYPE = "SessionResultPart";
    public static final int VERSION = 1;
    /** Most lines one part carries: about 300 bytes a line keeps a part under 200 kB. */
    public static final int MAX_LINES = 500;

    public SessionResultPart {
        Require.text(sessionId, "sessionId");
        Require.text(countId, "countId");
        Require.revision(revision);
        lines = Require.slice(part, parts, lines, MAX_LINES, "lines");
    }

    /** Event id: one per session, revision and part, so a republished part is recognised as the same. */
    public String eventId() {
        return sessionId + ":" + revision + ":part:" + part;
    }
}
