package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.scaningest.scan.Rejection;
import java.util.List;

/** The answer to a batch with at least one accepted scan: those are stored; the rejected ones are listed. */
public record ScanBatchResponse(int accepted, List<Rejection> rejected) {
}
