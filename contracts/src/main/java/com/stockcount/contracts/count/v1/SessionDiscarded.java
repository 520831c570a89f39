package com.stockcount.contracts.count.v1;

import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * A session was discarded: it contributes nothing to its count. If it had been completed before
 * (and re-opened), whatever its last completed revision posted is to be taken back.
 * Topic {@code count.session.v1}, key: session id.
 *
 * @param lastCompletedRevision the revision last published as {@link SessionCompleted}, 0 if never completed
 */
public record SessionDiscarded(
        String sessionId,
        String countId,
        String siteCode,
        Instant discardedAt,
        String discardedBy,
        int lastCompletedRevision) {

    public static final String TYPE = "SessionDiscarded";
    public static final int VERSION = 1;

    public SessionDiscarded {
        Require.text(sessionId, "sessionId");
        Require.text(countId, "countId");
        Require.text(siteCode, "siteCode");
        Require.present(discardedAt, "discardedAt");
        if (lastCompletedRevision < 0) {
            throw new IllegalArgumentException("lastCompletedRevision must not be negative");
        }
    }

    public String eventId() {
        return sessionId + ":discarded";
    }
}
