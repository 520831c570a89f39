package com.stockcount.count.sessions.domain;

/** DRAFT → IN_PROGRESS → COMPLETED → (re-open) IN_PROGRESS; DRAFT or IN_PROGRESS → DISCARDED, which is final. */
public enum SessionStatus {
    DRAFT,
    IN_PROGRESS,
    COMPLETED,
    DISCARDED;

    /**
     * Why a session in this status cannot be counted, or {@code null} when it can. One wording for the aggregate and
     * for the scan consumer, which checks the status of every session of a poll before sending their commands.
     */
    public String countingRefusal() {
        return switch (this) {
            case IN_PROGRESS -> null;
            case DRAFT -> "session is DRAFT; start counting first";
            default -> "session is " + this + "; it can no longer be counted";
        };
    }
}
