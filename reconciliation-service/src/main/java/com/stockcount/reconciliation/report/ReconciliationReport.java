package com.stockcount.reconciliation.report;

import com.stockcount.platform.rest.Page;
import java.time.Instant;

/**
 * The reconciliation of a session's latest completed revision ({@code sessionId} set) or of a whole
 * count across its active sessions ({@code sessionId} null, {@code revision} 0); {@code lines} is the
 * first page.
 */
public record ReconciliationReport(
        String sessionId,
        String countId,
        String site,
        int revision,
        Instant completedAt,
        ReconciliationStatus status,
        Page<ReconciliationLine> lines,
        ReconciliationSummary summary) {
}
