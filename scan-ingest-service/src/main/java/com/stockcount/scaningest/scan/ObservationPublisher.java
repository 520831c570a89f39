package com.stockcount.scaningest.scan;

import com.stockcount.contracts.scan.v1.ScanObserved;
import java.util.List;

/**
 * Where accepted observations go. Returns only once every one of them is durably stored. How they are
 * packed into records (one each, or batched per session) is the adapter's business.
 */
public interface ObservationPublisher {

    /**
     * @param correlationId the caller's correlation id, or {@code null}
     * @throws PublishUnavailableException when not every observation was acknowledged in time
     */
    void publish(List<ScanObserved> observations, String correlationId);
}
