package com.stockcount.count.sessions.domain;

/** DRAFT → IN_PROGRESS → COMPLETED → (re-open) IN_PROGRESS; DRAFT or IN_PROGRESS → DISCARDED, which is final. */
public enum SessionStatus {
    DRAFT,
    IN_PROGRESS,
    COMPLETED,
    DISCARDED
}
