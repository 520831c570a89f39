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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

    /** The change a request would make; {@link #applyAll} posts it. Nothing is written. */
    public record Plan(long quantityAtCount, long delta, long countCorrectionBefore, boolean superseded) {
    }

    /** A COUNT or WITHDRAW request and the quant it is for, locked. */
    public record Target(LockedQuant quant, AdjustmentRequested request) {
    }

    /**
     * The plans of several requests, read from the ledger in one query. The targets must be on
     * distinct quants (a second request on a quant must see what the first one posted: plan it after).
     */
    public List<Plan> planAll(Connection c, List<Target> targets) throws SQLException {
        List<Plan> plans = new ArrayList<>(targets.size());
        if (targets.isEmpty()) {
            return plans;
        }
        // per target: the version the count last applied here, what it posted here, and the quantity at
        // its moment leaving out its own entries (null moment for a WITHDRAW: 0, unused)
        try (PreparedStatement select = c.prepareStatement("select"
                + " (select a.version from count_anchor a where a.quant_id = k.q and a.count_id = k.c),"
                + " (select coalesce(sum(e.delta), 0) from ledger_entry e where e.quant_id = k.q and e.count_id = k.c),"
                + " (select coalesce(sum(e.delta), 0) from ledger_entry e where e.quant_id = k.q and e.effective_at <= k.t"
                + " and e.count_id is distinct from k.c)"
                + " from unnest(?::bigint[], ?::text[], ?::timestamptz[]) with ordinality as k(q, c, t, i) order by k.i")) {
            select.setArray(1, c.createArrayOf("bigint", targets.stream().map(t -> t.quant().id()).toArray()));
            select.setArray(2, c.createArrayOf("text", targets.stream().map(t -> t.request().countId()).toArray()));
            select.setArray(3, c.createArrayOf("timestamptz", targets.stream()
                    .map(t -> t.request().countedAt() == null ? null : Timestamp.from(t.request().countedAt())).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                for (Target target : targets) {
                    rs.next();
                    Integer version = rs.getObject(1, Integer.class);
                    plans.add(plan(target.request(), version, rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return plans;
    }

    private static Plan plan(AdjustmentRequested request, Integer version, long posted, long atCount) {
        if (version != null && version >= request.countVersion()) {
            return new Plan(0, 0, posted, true);
        }
        if (request.kind().equals(AdjustmentRequested.KIND_WITHDRAW)) {
            return new Plan(0, -posted, posted, false);
        }
        return new Plan(atCount, request.countedQuantity() - atCount - posted, posted, false);
    }

    /**
     * Posts each plan's delta (if any) as its count's correction taking effect at the count moment, and
     * anchors the counts, with a few statements over arrays. Same rule as {@link #planAll}: distinct quants.
     *
     * @return what each request did, in the order of {@code targets}
     */
    public List<Applied> applyAll(Connection c, List<Target> targets, List<Plan> plans) throws SQLException {
        List<Ledger.Posting> postings = new ArrayList<>();
        List<Target> anchored = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            Plan plan = plans.get(i);
            if (!plan.superseded()) {
                anchored.add(t);
                if (plan.delta() != 0) {
                    AdjustmentRequested r = t.request();
                    postings.add(new Ledger.Posting(t.quant(), LedgerEntry.SYSTEM_CORRECTION, r.reason(), plan.delta(),
                            r.requestId(), r.countedAt(), r.countId()));
                }
            }
        }
        // anchors first: they do not depend on the entries
        anchor(c, anchored);
        Iterator<LedgerEntry> entries = ledger.postAll(c, postings).iterator();
        List<Applied> applied = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            LockedQuant quant = targets.get(i).quant();
            Plan plan = plans.get(i);
            if (plan.superseded()) {
                applied.add(new Applied(plan.quantityAtCount(), 0, plan.countCorrectionBefore(), null, true,
                        quant.quantity()));
                continue;
            }
            LedgerEntry entry = plan.delta() == 0 ? null : entries.next();
            applied.add(new Applied(plan.quantityAtCount(), plan.delta(), plan.countCorrectionBefore() + plan.delta(),
                    entry, false, entry == null ? quant.quantity() : entry.quantityAfter()));
        }
        return applied;
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

    /** Upserts the anchors of a round (its quants are distinct, so no row is touched twice). */
    private static void anchor(Connection c, List<Target> targets) throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = c.prepareStatement("insert into count_anchor (count_id, quant_id, version,"
                + " counted_quantity, counted_at, withdrawn) select * from unnest(?::text[], ?::bigint[], ?::int[],"
                + " ?::bigint[], ?::timestamptz[], ?::boolean[])"
                + " on conflict (quant_id, count_id) do update set version = excluded.version,"
                + " counted_quantity = excluded.counted_quantity, counted_at = excluded.counted_at,"
                + " withdrawn = excluded.withdrawn")) {
            List<AdjustmentRequested> requests = targets.stream().map(Target::request).toList();
            upsert.setArray(1, c.createArrayOf("text", requests.stream().map(AdjustmentRequested::countId).toArray()));
            upsert.setArray(2, c.createArrayOf("bigint", targets.stream().map(t -> t.quant().id()).toArray()));
            upsert.setArray(3, c.createArrayOf("integer",
                    requests.stream().map(AdjustmentRequested::countVersion).toArray()));
            upsert.setArray(4, c.createArrayOf("bigint",
                    requests.stream().map(r -> withdrawn(r) ? 0L : r.countedQuantity()).toArray()));
            upsert.setArray(5, c.createArrayOf("timestamptz", requests.stream()
                    .map(r -> withdrawn(r) || r.countedAt() == null ? null : Timestamp.from(r.countedAt())).toArray()));
            upsert.setArray(6, c.createArrayOf("boolean", requests.stream().map(CountCorrections::withdrawn).toArray()));
            upsert.executeUpdate();
        }
    }

    private static boolean withdrawn(AdjustmentRequested r) {
        return r.kind().equals(AdjustmentRequested.KIND_WITHDRAW);
    }
}
