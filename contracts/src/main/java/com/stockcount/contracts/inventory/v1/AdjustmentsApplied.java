package com.stockcount.contracts.inventory.v1;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Require;
import java.util.List;

/**
 * The {@link AdjustmentApplied} outcomes of several requests applied in one inventory transaction, in one
 * Kafka record: the requester learns the fate of a 100,000-request count from a few hundred records.
 * Topic {@code inventory.ledger.v1} (beside the ledger entries, single outcomes and rejections; the
 * {@code event-type} header tells them apart), key: the {@link QuantKey#asString()} of the first outcome,
 * published after the ledger entries of the same transaction.
 *
 * @param batchId unique per published batch (the record's event id); a republished batch has the same one
 * @param applied 1 to {@value #MAX_APPLIED} outcomes, each for a distinct request
 */
public record AdjustmentsApplied(String batchId, List<AdjustmentApplied> applied) {

    public static final String TYPE = "AdjustmentsApplied";
    public static final int VERSION = 1;
    public static final int MAX_APPLIED = 500;

    public AdjustmentsApplied {
        Require.text(batchId, "batchId");
        applied = List.copyOf(Require.present(applied, "applied"));
        if (applied.isEmpty() || applied.size() > MAX_APPLIED) {
            throw new IllegalArgumentException("a batch carries 1 to " + MAX_APPLIED + " outcomes, was "
                    + applied.size());
        }
    }
}
