package com.stockcount.scaningest.scan;

import com.stockcount.contracts.scan.v1.ScanObserved;
import java.util.List;

/** A batch split into the observations to publish (in batch order) and the scans refused. */
public record IntakeResult(List<ScanObserved> accepted, List<Rejection> rejected) {

    public IntakeResult {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
