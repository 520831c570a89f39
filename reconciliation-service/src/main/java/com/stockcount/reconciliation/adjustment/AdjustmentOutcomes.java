package com.stockcount.reconciliation.adjustment;

import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.platform.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Records what inventory did with our requests, as its ledger reports it. Only events about one of
 * our requests count; the ledger carries every movement of every quant and the rest is not ours.
 */
@ApplicationScoped
public class AdjustmentOutcomes {

    static final String CONSUMER = "ledger-events";

    @Inject
    DataSource dataSource;

    /** @return true if the request was ours and this is the first time its application is reported */
    @Transactional(rollbackOn = Exception.class)
    public boolean applied(String eventId, AdjustmentApplied applied) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!isOurs(c, applied.requestId()) || !ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return false;
            }
            try (PreparedStatement update = c.prepareStatement("update count_adjustment set status = 'APPLIED',"
                    + " quantity_at_count = ?, applied_delta = ?, count_correction = ?, quantity_after = ?,"
                    + " applied_at = ?, failure_reason = ? where request_id = ?")) {
                update.setObject(1, applied.quantityAtCount());
                update.setLong(2, applied.delta());
                update.setLong(3, applied.countCorrection());
                update.setLong(4, applied.quantityAfter());
                update.setTimestamp(5, Timestamp.from(applied.at()));
                update.setString(6, applied.superseded() ? "superseded by a later request of the count" : null);
                update.setString(7, applied.requestId());
                update.executeUpdate();
            }
            return true;
        }
    }

    /**
     * @return true if the request was ours, still pending, and is now failed; a rejection never
     *         overrides an adjustment inventory has already applied
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean rejected(String eventId, String requestId, String reason, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!isOurs(c, requestId) || !ProcessedEvents.firstDelivery(c, CONSUMER, eventId)) {
                return false;
            }
            try (PreparedStatement update = c.prepareStatement("update count_adjustment set status = 'FAILED',"
                    + " failure_reason = ?, failed_at = ? where request_id = ? and status = 'PENDING'")) {
                update.setString(1, reason == null || reason.isBlank() ? "rejected by inventory" : reason);
                update.setTimestamp(2, Timestamp.from(at));
                update.setString(3, requestId);
                return update.executeUpdate() == 1;
            }
        }
    }

    private static boolean isOurs(Connection c, String requestId) throws SQLException {
        if (requestId == null || requestId.isBlank()) {
            return false;
        }
        try (PreparedStatement select = c.prepareStatement("select 1 from count_adjustment where request_id = ?")) {
            select.setString(1, requestId);
            try (var rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}
