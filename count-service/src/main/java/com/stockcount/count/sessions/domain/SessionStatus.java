package com.stockcount.count.sessions.domain;

/** DRAFT → IN_PROGRESS → COMPLETED; re-open (back to IN_PROGRESS) and DISCARDED come with the full lifecycle. */
public enum SessionStatus {
    DRAFT,
    IN_PROGRESS,
    COMPLETED
}
