package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.UnitsCounted;
import com.stockcount.inventory.product.Product;
import com.stockcount.inventory.product.ProductService;
import com.stockcount.inventory.site.SiteService;
import com.stockcount.inventory.stock.CountCorrections;
import com.stockcount.inventory.stock.Ledger;
import com.stockcount.inventory.stock.LedgerEntry;
import com.stockcount.inventory.stock.LockedQuant;
import com.stockcount.platform.kafka.PoisonRecordException;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Applies what a count saw of a serialized quant, one part at a time and each part once: seen units
 * linked elsewhere move here, unknown ones are created here, and with the last part the units that
 * were linked here at the count moment but not seen are detached (their quant link cleared). Every
 * change of a quantity is a ledger entry effective at the count moment, so the count's own
 * correction absorbs it whichever arrives first.
 */
@ApplicationScoped
public class UnitsCountService {

    public static final String MOVE = "move";

    /** The kinds of change recorded per unit in {@code count_unit_change}. */
    private static final String MOVED = "moved";
    private static final String CREATED = "created";
    private static final String DETACHED = "detached";

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    CountCorrections counts;

    /** What one part changed, for logs and tests. */
    public record Result(boolean duplicate, int movedIn, int created, int detached) {
    }

    @Transactional(rollbackOn = SQLException.class)
    public Result apply(UnitsCounted units) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, AdjustmentService.CONSUMER, units.requestId())) {
                return new Result(true, 0, 0, 0);
            }
            QuantKey key = units.quant();
            if (SiteService.findBin(c, key.siteCode(), key.binCode()).isEmpty()) {
                throw new PoisonRecordException("unknown bin " + key.binCode() + " in site " + key.siteCode());
            }
            Product product = ProductService.find(c, key.sku())
                    .orElseThrow(() -> new PoisonRecordException("unknown product " + key.sku()));
            if (!product.tracking().serialized()) {
                throw new PoisonRecordException("units counted for " + key.sku() + ", which is "
                        + product.tracking() + ", not serialized");
            }
            LockedQuant here = ledger.lockOrCreate(c, key);
            Timestamp countedAt = Timestamp.from(units.countedAt());
            remember(c, units, here.id());

            // where each seen unit is linked now (absent: unknown, or left stock)
            Map<String, Long> linkedTo = new HashMap<>();
            Map<String, Timestamp> linkedSince = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement("select serial, quant_id, linked_at from serialized_unit"
                    + " where sku = ? and serial = any (?)")) {
                select.setString(1, key.sku());
                select.setArray(2, c.createArrayOf("text", units.seen().toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        linkedTo.put(rs.getString(1), rs.getObject(2, Long.class));
                        linkedSince.put(rs.getString(1), rs.getTimestamp(3));
                    }
                }
            }
            Changes changes = new Changes();
            Map<Long, Integer> movedFrom = new TreeMap<>();
            int created = 0;
            int movedIn = 0;
            try (PreparedStatement link = c.prepareStatement("insert into serialized_unit (sku, serial, quant_id, linked_at)"
                    + " values (?, ?, ?, ?) on conflict (sku, serial) do update"
                    + " set quant_id = excluded.quant_id, linked_at = excluded.linked_at")) {
                for (String serial : units.seen()) {
                    Long current = linkedTo.get(serial);
                    if (current != null && current == here.id()) {
                        continue;
                    }
                    if (current == null) {
                        created++;
                        changes.add(serial, CREATED, null, null);
                    } else {
                        movedFrom.merge(current, 1, Integer::sum);
                        movedIn++;
                        changes.add(serial, MOVED, current, linkedSince.get(serial));
                    }
                    link.setString(1, key.sku());
                    link.setString(2, serial);
                    link.setLong(3, here.id());
                    link.setTimestamp(4, countedAt);
                    link.addBatch();
                }
                link.executeBatch();
            }
            changes.record(c, units, here.id());
            for (Map.Entry<Long, Integer> from : movedFrom.entrySet()) {
                LockedQuant source = ledger.lock(c, keyOf(c, from.getKey())).orElseThrow();
                post(c, source, -Math.min(from.getValue(), source.quantity()), units.requestId(), units.countedAt());
            }
            here = post(c, here, movedIn + created, units.requestId(), units.countedAt());
            int detached = 0;
            if (units.last()) {
                requireAllParts(c, units, here.id());
                detached = detachUnseen(c, units, here.id(), countedAt);
                post(c, here, -Math.min(detached, here.quantity()), units.requestId(), units.countedAt());
            }
            return new Result(false, movedIn, created, detached);
        }
    }

    /** Posts a unit movement effective at the count moment; a count anchored after it absorbs it. */
    private LockedQuant post(Connection c, LockedQuant quant, long delta, String requestId, Instant countedAt)
            throws SQLException {
        if (delta == 0) {
            return quant;
        }
        LedgerEntry entry = ledger.post(c, quant, MOVE, AdjustmentRequested.REASON_STOCK_COUNT, delta,
                requestId, countedAt, null);
        LockedQuant after = quant.after(entry);
        return counts.absorbLate(c, after, entry).map(after::after).orElse(after);
    }

    private static void remember(Connection c, UnitsCounted units, long quantId) throws SQLException {
        try (PreparedStatement part = c.prepareStatement("insert into count_unit_part (count_id, quant_id, version, part)"
                + " values (?, ?, ?, ?) on conflict do nothing")) {
            part.setString(1, units.countId());
            part.setLong(2, quantId);
            part.setInt(3, units.countVersion());
            part.setInt(4, units.part());
            part.executeUpdate();
        }
        try (PreparedStatement seen = c.prepareStatement("insert into count_unit_seen (count_id, quant_id, version,"
                + " serial) select ?, ?, ?, unnest(?::text[]) on conflict do nothing")) {
            seen.setString(1, units.countId());
            seen.setLong(2, quantId);
            seen.setInt(3, units.countVersion());
            seen.setArray(4, c.createArrayOf("text", units.seen().toArray()));
            seen.executeUpdate();
        }
    }

    private static void requireAllParts(Connection c, UnitsCounted units, long quantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select count(*) from count_unit_part"
                + " where count_id = ? and quant_id = ? and version = ?")) {
            select.setString(1, units.countId());
            select.setLong(2, quantId);
            select.setInt(3, units.countVersion());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != units.parts()) {
                    // parts share the quant's key and partition, so they arrive in order: a gap is a broken producer
                    throw new PoisonRecordException("last part of " + units.parts() + " for count " + units.countId()
                            + " on " + units.quant().asString() + " arrived with only " + rs.getInt(1) + " parts");
                }
            }
        }
    }

    /**
     * Units linked here at the count moment (not those received after it) that the count did not see:
     * recorded first with the link they lose, so a WITHDRAW can link them here again, then detached.
     */
    private static int detachUnseen(Connection c, UnitsCounted units, long quantId, Timestamp countedAt)
            throws SQLException {
        try (PreparedStatement record = c.prepareStatement("insert into count_unit_change (count_id, quant_id, version,"
                + " serial, change, prev_linked_at, counted_at) select ?, ?, ?, u.serial, '" + DETACHED + "', u.linked_at, ?"
                + " from serialized_unit u where u.quant_id = ? and u.linked_at <= ? and not exists (select 1"
                + " from count_unit_seen s where s.quant_id = ? and s.count_id = ? and s.version = ?"
                + " and s.serial = u.serial) on conflict do nothing")) {
            record.setString(1, units.countId());
            record.setLong(2, quantId);
            record.setInt(3, units.countVersion());
            record.setTimestamp(4, countedAt);
            record.setLong(5, quantId);
            record.setTimestamp(6, countedAt);
            record.setLong(7, quantId);
            record.setString(8, units.countId());
            record.setInt(9, units.countVersion());
            record.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("update serialized_unit u set quant_id = null, linked_at = null"
                + " from count_unit_change x where x.quant_id = ? and x.count_id = ? and x.version = ?"
                + " and x.change = '" + DETACHED + "' and u.quant_id = x.quant_id and u.serial = x.serial")) {
            update.setLong(1, quantId);
            update.setString(2, units.countId());
            update.setInt(3, units.countVersion());
            return update.executeUpdate();
        }
    }

    /** A WITHDRAW of a count just applied to a quant, locked as the WITHDRAW's correction left it. */
    record Withdrawal(LockedQuant quant, String countId, String requestId) {
    }

    /**
     * Takes back the unit changes the withdrawn counts' UnitsCounted made on their quants (the WITHDRAWs'
     * anchors are already withdrawn, so they absorb none of it). One query finds the quants that have any
     * (none for bulk or lot products); each of those is then taken back version by version, latest first,
     * so a unit one version detached and a later one saw again ends as it was before the count.
     *
     * <p>Only a unit still where the count left it goes back: one picked, received, or moved by another
     * count since then stays where it is, as later facts win over a withdrawn count. Quantities follow as
     * {@code move} entries effective at the count moment, like the changes they take back, so the late-movement
     * rule treats them alike. The changes are then forgotten: a later WITHDRAW (after a re-count) takes back
     * only what came after, and a redelivered WITHDRAW never gets here (its request id is processed).
     *
     * @return every quant whose quantity changed, as it is now
     */
    Map<QuantKey, LockedQuant> takeBackAll(Connection c, List<Withdrawal> withdrawals) throws SQLException {
        Map<QuantKey, LockedQuant> changed = new HashMap<>();
        if (withdrawals.isEmpty()) {
            return changed;
        }
        Set<Integer> withChanges = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("select k.i from unnest(?::bigint[], ?::text[])"
                + " with ordinality as k(q, c, i) where exists (select 1 from count_unit_change x"
                + " where x.quant_id = k.q and x.count_id = k.c)")) {
            select.setArray(1, c.createArrayOf("bigint", withdrawals.stream().map(w -> w.quant().id()).toArray()));
            select.setArray(2, c.createArrayOf("text", withdrawals.stream().map(Withdrawal::countId).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    withChanges.add(rs.getInt(1) - 1);
                }
            }
        }
        for (int i = 0; i < withdrawals.size(); i++) {
            if (withChanges.contains(i)) {
                takeBack(c, withdrawals.get(i), changed);
            }
        }
        return changed;
    }

    private void takeBack(Connection c, Withdrawal w, Map<QuantKey, LockedQuant> changed) throws SQLException {
        LockedQuant here = changed.getOrDefault(w.quant().key(), w.quant());
        Map<Integer, Timestamp> versions = new TreeMap<>(Comparator.reverseOrder());
        try (PreparedStatement select = c.prepareStatement("select distinct version, counted_at from count_unit_change"
                + " where quant_id = ? and count_id = ?")) {
            select.setLong(1, here.id());
            select.setString(2, w.countId());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getInt(1), rs.getTimestamp(2));
                }
            }
        }
        for (Map.Entry<Integer, Timestamp> version : versions.entrySet()) {
            Instant countedAt = version.getValue().toInstant();
            // a unit the count created here, still linked as the count linked it, leaves stock again
            int uncreated = revert(c, "update serialized_unit u set quant_id = null, linked_at = null", CREATED,
                    " and u.quant_id = x.quant_id and u.linked_at = x.counted_at", here, w, version.getKey()).size();
            // a unit the count moved here, still linked as the count linked it, goes back where it was
            Map<Long, Integer> movedBack = new TreeMap<>();
            for (Long from : revert(c, "update serialized_unit u set quant_id = x.from_quant,"
                    + " linked_at = x.prev_linked_at", MOVED, " and u.quant_id = x.quant_id and u.linked_at = x.counted_at",
                    here, w, version.getKey())) {
                movedBack.merge(from, 1, Integer::sum);
            }
            // a unit the count detached, still out of stock, is linked here again as it was
            int relinked = revert(c, "update serialized_unit u set quant_id = x.quant_id, linked_at = x.prev_linked_at",
                    DETACHED, " and u.quant_id is null", here, w, version.getKey()).size();
            for (Map.Entry<Long, Integer> from : movedBack.entrySet()) {
                QuantKey sourceKey = keyOf(c, from.getKey());
                LockedQuant source = changed.containsKey(sourceKey) ? changed.get(sourceKey)
                        : ledger.lock(c, sourceKey).orElseThrow();
                changed.put(source.key(), post(c, source, from.getValue(), w.requestId(), countedAt));
            }
            int movedOut = movedBack.values().stream().mapToInt(Integer::intValue).sum();
            long delta = relinked - (long) movedOut - uncreated;
            here = post(c, here, Math.max(delta, -here.quantity()), w.requestId(), countedAt);
            changed.put(here.key(), here);
        }
        try (PreparedStatement delete = c.prepareStatement("delete from count_unit_change where quant_id = ?"
                + " and count_id = ?")) {
            delete.setLong(1, here.id());
            delete.setString(2, w.countId());
            delete.executeUpdate();
        }
    }

    /**
     * Runs {@code update} over the units of one kind of change one version of the count recorded here,
     * those that still meet {@code stillThere}.
     *
     * @return the quant each reverted unit came from (null but for moves), one per unit
     */
    private static List<Long> revert(Connection c, String update, String kind, String stillThere, LockedQuant here,
                                     Withdrawal w, int version) throws SQLException {
        List<Long> from = new ArrayList<>();
        try (PreparedStatement revert = c.prepareStatement(update + " from count_unit_change x where x.quant_id = ?"
                + " and x.count_id = ? and x.version = ? and x.change = '" + kind + "' and u.sku = ?"
                + " and u.serial = x.serial" + stillThere + " returning x.from_quant")) {
            revert.setLong(1, here.id());
            revert.setString(2, w.countId());
            revert.setInt(3, version);
            revert.setString(4, here.key().sku());
            try (ResultSet rs = revert.executeQuery()) {
                while (rs.next()) {
                    from.add(rs.getObject(1, Long.class));
                }
            }
        }
        return from;
    }

    private static QuantKey keyOf(Connection c, long quantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select site_code, bin_code, sku, lot from quant where id = ?")) {
            select.setLong(1, quantId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new QuantKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        }
    }

    /** The moves and creations of one part, recorded with one statement. */
    private static final class Changes {
        private final List<String> serials = new ArrayList<>();
        private final List<String> kinds = new ArrayList<>();
        private final List<Long> from = new ArrayList<>();
        private final List<Timestamp> prevLinkedAt = new ArrayList<>();

        void add(String serial, String kind, Long fromQuant, Timestamp linkedAt) {
            serials.add(serial);
            kinds.add(kind);
            from.add(fromQuant);
            prevLinkedAt.add(linkedAt);
        }

        void record(Connection c, UnitsCounted units, long quantId) throws SQLException {
            if (serials.isEmpty()) {
                return;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into count_unit_change (count_id, quant_id,"
                    + " version, serial, change, from_quant, prev_linked_at, counted_at) select ?, ?, ?, k.s, k.c, k.f,"
                    + " k.l, ? from unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[]) as k(s, c, f, l)"
                    + " on conflict do nothing")) {
                insert.setString(1, units.countId());
                insert.setLong(2, quantId);
                insert.setInt(3, units.countVersion());
                insert.setTimestamp(4, Timestamp.from(units.countedAt()));
                insert.setArray(5, c.createArrayOf("text", serials.toArray()));
                insert.setArray(6, c.createArrayOf("text", kinds.toArray()));
                insert.setArray(7, c.createArrayOf("bigint", from.toArray()));
                insert.setArray(8, c.createArrayOf("timestamptz", prevLinkedAt.toArray()));
                insert.executeUpdate();
            }
        }
    }
}
