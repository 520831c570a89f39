package com.stockcount.reconciliation.adjustment;

import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.platform.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Records what inventory did with our requests, as its ledger reports it. Only events about one of
 * our requests count; the ledger carries every movement of every quant and the rest is not ours.
 * A poll's worth of outcomes is recorded in one transaction with a few statements.
 */
@ApplicationScoped
public class AdjustmentOutcomes {

    static final String CONSUMER = "ledger-events";

    @Inject
    DataSource dataSource;

    /** What inventory reported about one request, with the id of the event that reported it. */
    public sealed interface Outcome {

        String eventId();

        String requestId();
    }

    /** Inventory applied the request (possibly as superseded: nothing changed). */
    public record Applied(String eventId, AdjustmentApplied applied) implements Outcome {

        @Override
        public String requestId() {
            return applied.requestId();
        }
    }

    /** Inventory refused the request. */
    public record Rejected(String eventId, String requestId, String reason, Instant at) implements Outcome {
    }

    /**
     * Records each outcome about one of our requests once; a rejection never overrides an adjustment
     * inventory has already applied.
     *
     * @return how many outcomes were ours and reported for the first time
     */
    @Transactional(rollbackOn = Exception.class)
    public int recordAll(List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            Set<String> ours = ours(c, outcomes);
            List<Outcome> ourOutcomes = outcomes.stream().filter(o -> ours.contains(o.requestId())).toList();
            Set<String> fresh = ProcessedEvents.firstDeliveries(c, CONSUMER,
                    ourOutcomes.stream().map(Outcome::eventId).toList());
            int recorded = 0;
            try (PreparedStatement applied = c.prepareStatement("update count_adjustment set status = 'APPLIED',"
                    + " quantity_at_count = ?, applied_delta = ?, count_correction = ?, quantity_after = ?,"
                    + " applied_at = ?, failure_reason = ? where request_id = ?");
                 PreparedStatement rejected = c.prepareStatement("update count_adjustment set status = 'FAILED',"
                         + " failure_reason = ?, failed_at = ? where request_id = ? and status = 'PENDING'")) {
                for (Outcome outcome : ourOutcomes) {
                    if (!fresh.remove(outcome.eventId())) {
                        continue;
                    }
                    recorded++;
                    if (outcome instanceof Applied a) {
                        AdjustmentApplied event = a.applied();
                        applied.setObject(1, event.quantityAtCount());
                        applied.setLong(2, event.delta());
                        applied.setLong(3, event.countCorrection());
                        applied.setLong(4, event.quantityAfter());
                        applied.setTimestamp(5, Timestamp.from(event.at()));
                        applied.setString(6, event.superseded() ? "superseded by a later request of the count" : null);
                        applied.setString(7, event.requestId());
                        applied.addBatch();
                    } else if (outcome instanceof Rejected r) {
                        rejected.setString(1, r.reason() == null || r.reason().isBlank() ? "rejected by inventory"
                                : r.reason());
                        rejected.setTimestamp(2, Timestamp.from(r.at()));
                        rejected.setString(3, r.requestId());
                        rejected.addBatch();
                    }
                }
                // inventory reports one outcome per request, so applying before refusing changes no result
                applied.executeBatch();
                rejected.executeBatch();
            }
            return recorded;
        }
    }

    /** The request ids among the outcomes that are ours. */
    private static Set<String> ours(Connection c, List<Outcome> outcomes) throws SQLException {
        Set<String> ours = new HashSet<>();
        Object[] ids = outcomes.stream().map(Outcome::requestId).filter(id -> id != null && !id.isBlank()).toArray();
        try (PreparedStatement select = c.prepareStatement("select request_id from count_adjustment"
                + " where request_id = any (?)")) {
            select.setArray(1, c.createArrayOf("text", ids));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ours.add(rs.getString(1));
                }
            }
        }
        return ours;
    }
}
