package com.stockcount.reconciliation.report;

import com.stockcount.platform.rest.Page;
import java.time.Instant;

/** The reconciliation of a session's latest completed revision; {@code lines} is its first page. */
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
