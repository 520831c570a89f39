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
import java.util.ArrayList;
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
            // outcomes of one batch share its event id: the record is recorded once, with all of them
            Set<String> fresh = ProcessedEvents.firstDeliveries(c, CONSUMER,
                    ourOutcomes.stream().map(Outcome::eventId).distinct().toList());
            List<AdjustmentApplied> applied = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int recorded = 0;
            try (PreparedStatement rejected = c.prepareStatement("update count_adjustment set status = 'FAILED',"
                    + " failure_reason = ?, failed_at = ? where request_id = ? and status = 'PENDING'")) {
                for (Outcome outcome : ourOutcomes) {
                    // a record delivered twice in one poll counts once
                    if (!fresh.contains(outcome.eventId()) || !seen.add(outcome.eventId() + " " + outcome.requestId())) {
                        continue;
                    }
                    recorded++;
                    if (outcome instanceof Applied a) {
                        applied.add(a.applied());
                    } else if (outcome instanceof Rejected r) {
                        rejected.setString(1, r.reason() == null || r.reason().isBlank() ? "rejected by inventory"
                                : r.reason());
                        rejected.setTimestamp(2, Timestamp.from(r.at()));
                        rejected.setString(3, r.requestId());
                        rejected.addBatch();
                    }
                }
                // inventory reports one outcome per request, so applying before refusing changes no result
                recordApplied(c, applied);
                rejected.executeBatch();
            }
            return recorded;
        }
    }

    /** One statement for every applied outcome. */
    private static void recordApplied(Connection c, List<AdjustmentApplied> applied) throws SQLException {
        if (applied.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("update count_adjustment a set status = 'APPLIED',"
                + " quantity_at_count = k.q, applied_delta = k.d, count_correction = k.cc, quantity_after = k.qa,"
                + " applied_at = k.t, failure_reason = case when k.s then 'superseded by a later request of the count'"
                + " end from unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[],"
                + " ?::boolean[]) as k(id, q, d, cc, qa, t, s) where a.request_id = k.id")) {
            update.setArray(1, c.createArrayOf("text", applied.stream().map(AdjustmentApplied::requestId).toArray()));
            update.setArray(2, c.createArrayOf("bigint",
                    applied.stream().map(AdjustmentApplied::quantityAtCount).toArray()));
            update.setArray(3, c.createArrayOf("bigint", applied.stream().map(AdjustmentApplied::delta).toArray()));
            update.setArray(4, c.createArrayOf("bigint",
                    applied.stream().map(AdjustmentApplied::countCorrection).toArray()));
            update.setArray(5, c.createArrayOf("bigint",
                    applied.stream().map(AdjustmentApplied::quantityAfter).toArray()));
            update.setArray(6, c.createArrayOf("timestamptz",
                    applied.stream().map(a -> Timestamp.from(a.at())).toArray()));
            update.setArray(7, c.createArrayOf("boolean", applied.stream().map(AdjustmentApplied::superseded).toArray()));
            update.executeUpdate();
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
