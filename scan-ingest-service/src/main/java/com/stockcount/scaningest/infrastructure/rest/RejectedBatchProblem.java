package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.scaningest.scan.Rejection;
import java.util.List;

/**
 * A problem body (RFC 9457) for a batch in which no scan was accepted, carrying the same
 * {@code accepted}/{@code rejected} fields as a success so a device reads both the same way.
 */
public record RejectedBatchProblem(String type, String title, int status, String detail, int accepted,
                                   List<Rejection> rejected) {

    public static RejectedBatchProblem of(List<Rejection> rejected) {
        return new RejectedBatchProblem("about:blank", "Bad Request", 400,
                "none of the " + rejected.size() + " scans was accepted; see rejected", 0, rejected);
    }
}
