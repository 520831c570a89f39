package com.stockcount.scaningest.reader;

import java.time.Instant;

/**
 * One tag read as a reader reported it, before any de-duplication.
 *
 * @param epc     the EPC as the reader sent it, in hex (decoded from base64 when the reader sent that)
 * @param antenna antenna port, from 1, or {@code null} when the reader did not say
 * @param seenAt  when the reader last saw the tag in this report
 */
public record TagRead(String epc, Integer antenna, Instant seenAt) {

    public TagRead {
        if (epc == null || epc.isEmpty()) {
            throw new IllegalArgumentException("epc must not be empty");
        }
        if (seenAt == null) {
            throw new IllegalArgumentException("seenAt must be present");
        }
    }
}
