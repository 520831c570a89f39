package com.stockcount.count.sessions.domain;

import static com.stockcount.count.counts.domain.Text.required;

/** One line of a session as snapshotted at creation: the quant and its line id in the session. */
public record SnapshotLine(String lineId, QuantSnapshot quant) {

    public SnapshotLine {
        required(lineId, "lineId");
        if (quant == null) {
            throw new IllegalArgumentException("quant must not be null");
        }
    }
}
