package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.util.List;

/**
 * Several {@link AdjustmentRequested} in one Kafka record, so that a 100,000-line count costs the broker
 * and inventory a few hundred records, not 100,000. Topic {@code inventory.adjustment-request.v1}
 * (beside single requests and {@link UnitsCounted}; the {@code event-type} header tells them apart).
 * Key: the {@link QuantKey#asString()} of the first request, and every request of the batch is for a quant
 * whose own key goes to the same partition, so each quant's requests stay in one partition, in order,
 * whether they travel alone or batched. Inventory applies the record once by its {@code batchId}: a batch's
 * requests are fixed when it is written and it is only ever republished as itself. Each request keeps its own
 * id, under which it travels if it is sent alone (a request of a batch parked on the dead-letter topic and
 * replayed); a producer must not send a request both in a batch and alone otherwise.
 *
 * @param batchId  unique per published batch, the same on every republication (the record's event id)
 * @param requests 1 to {@value #MAX_REQUESTS} (a request is about 400 bytes: a record stays far below 1 MB)
 */
public record AdjustmentRequestBatch(String batchId, List<AdjustmentRequested> requests) {

    public static final String TYPE = "AdjustmentRequestBatch";
    public static final int VERSION = 1;
    public static final int MAX_REQUESTS = 500;

    public AdjustmentRequestBatch {
        Require.text(batchId, "batchId");
        requests = List.copyOf(Require.present(requests, "requests"));
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("a batch carries 1 to " + MAX_REQUESTS + " requests, was "
                    + requests.size());
        }
    }
}
