package com.stockcount.inventory.stock;

import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Movement-aware count corrections. A count says "this quant held N at moment T". Its correction of
 * the quant is {@code N − (quantity at T as if the count had posted nothing)}: the quantity at T sums
 * every entry that took effect at or before T, so picks and receipts after T stay on the books, and
 * whatever the count already posted (an earlier revision, another session of the same count) is
 * replaced, never added to. A movement posted late with a time at or before T is absorbed by the
 * earliest count anchored after it: the count saw the shelf with that movement already done.
 */
@ApplicationScoped
public class CountCorrections {

    @Inject
    Ledger ledger;

    /** What a COUNT or WITHDRAW request did to the quant. */
    public record Applied(long quantityAtCount, long delta, long countCorrection, LedgerEntry entry,
                          boolean superseded, long quantityAfter) {
    }

    /** The change a request would make; {@link #apply} posts it. Nothing is written. */
    public record Plan(long quantityAtCount, long delta, long countCorrectionBefore, boolean superseded) {
    }

    public Plan plan(Connection c, LockedQuant quant, AdjustmentRequested request) throws SQLException {
        Optional<Integer> version = anchorVersion(c, quant.id(), request.countId());
        long posted = postedBy(c, quant.id(), request.countId());
        if (version.isPresent() && version.get() >= request.countVersion()) {
            return new Plan(0, 0, posted, true);
        }
        if (request.kind().equals(AdjustmentRequested.KIND_WITHDRAW)) {
            return new Plan(0, -posted, posted, false);
        }
        long atCount = quantityAtExcluding(c, quant.id(), request.countedAt(), request.countId());
        return new Plan(atCount, request.countedQuantity() - atCount - posted, posted, false);
    }

    /** Posts the plan's delta (if any) as the count's correction taking effect at the count moment, and anchors the count. */
    public Applied apply(Connection c, LockedQuant quant, AdjustmentRequested request, Plan plan) throws SQLException {
        if (plan.superseded()) {
            return new Applied(plan.quantityAtCount(), 0, plan.countCorrectionBefore(), null, true, quant.quantity());
        }
        LedgerEntry entry = null;
        if (plan.delta() != 0) {
            entry = ledger.post(c, quant, LedgerEntry.SYSTEM_CORRECTION, request.reason(), plan.delta(),
                    request.requestId(), request.countedAt(), request.countId());
        }
        anchor(c, quant.id(), request);
        return new Applied(plan.quantityAtCount(), plan.delta(), plan.countCorrectionBefore() + plan.delta(), entry,
                false, entry == null ? quant.quantity() : entry.quantityAfter());
    }

    /**
     * A movement that took effect at {@code effectiveAt} was just posted on the quant. If a count
     * anchored the quant at or after that moment, the count already saw its result on the shelf: its
     * correction takes the movement back, so the books keep what was counted plus what moved since.
     *
     * @return the compensating entry, if one was posted
     */
    public Optional<LedgerEntry> absorbLate(Connection c, LockedQuant quant, LedgerEntry movement) throws SQLException {
        String countId;
        Instant countedAt;
        try (PreparedStatement select = c.prepareStatement("select count_id, counted_at from count_anchor"
                + " where quant_id = ? and not withdrawn and counted_at >= ? order by counted_at, count_id limit 1")) {
            select.setLong(1, quant.id());
            select.setTimestamp(2, Timestamp.from(movement.effectiveAt()));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                countId = rs.getString(1);
                countedAt = rs.getTimestamp(2).toInstant();
            }
        }
        return Optional.of(ledger.post(c, quant, LedgerEntry.SYSTEM_CORRECTION, AdjustmentRequested.REASON_STOCK_COUNT,
                -movement.delta(), "late:" + movement.id(), countedAt, countId));
    }

    private static Optional<Integer> anchorVersion(Connection c, long quantId, String countId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select version from count_anchor"
                + " where quant_id = ? and count_id = ?")) {
            select.setLong(1, quantId);
            select.setString(2, countId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private static long postedBy(Connection c, long quantId, String countId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select coalesce(sum(delta), 0) from ledger_entry"
                + " where quant_id = ? and count_id = ?")) {
            select.setLong(1, quantId);
            select.setString(2, countId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The quantity at {@code t} (entries in effect at or before it), leaving out what {@code countId} posted. */
    static long quantityAtExcluding(Connection c, long quantId, Instant t, String countId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select coalesce(sum(delta), 0) from ledger_entry"
                + " where quant_id = ? and effective_at <= ? and (?::text is null or count_id is distinct from ?)")) {
            select.setLong(1, quantId);
            select.setTimestamp(2, Timestamp.from(t));
            select.setString(3, countId);
            select.setString(4, countId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void anchor(Connection c, long quantId, AdjustmentRequested r) throws SQLException {
        boolean withdrawn = r.kind().equals(AdjustmentRequested.KIND_WITHDRAW);
        try (PreparedStatement upsert = c.prepareStatement("insert into count_anchor (count_id, quant_id, version,"
                + " counted_quantity, counted_at, withdrawn) values (?, ?, ?, ?, ?, ?)"
                + " on conflict (quant_id, count_id) do update set version = excluded.version,"
                + " counted_quantity = excluded.counted_quantity, counted_at = excluded.counted_at,"
                + " withdrawn = excluded.withdrawn")) {
            upsert.setString(1, r.countId());
            upsert.setLong(2, quantId);
            upsert.setInt(3, r.countVersion());
            upsert.setLong(4, withdrawn ? 0 : r.countedQuantity());
            upsert.setTimestamp(5, withdrawn || r.countedAt() == null ? null : Timestamp.from(r.countedAt()));
            upsert.setBoolean(6, withdrawn);
            upsert.executeUpdate();
        }
    }
}
