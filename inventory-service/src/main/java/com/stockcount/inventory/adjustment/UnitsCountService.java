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
import java.util.HashMap;
import java.util.Map;
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
            try (PreparedStatement select = c.prepareStatement("select serial, quant_id from serialized_unit"
                    + " where sku = ? and serial = any (?)")) {
                select.setString(1, key.sku());
                select.setArray(2, c.createArrayOf("text", units.seen().toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        linkedTo.put(rs.getString(1), rs.getObject(2, Long.class));
                    }
                }
            }
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
                    } else {
                        movedFrom.merge(current, 1, Integer::sum);
                        movedIn++;
                    }
                    link.setString(1, key.sku());
                    link.setString(2, serial);
                    link.setLong(3, here.id());
                    link.setTimestamp(4, countedAt);
                    link.addBatch();
                }
                link.executeBatch();
            }
            for (Map.Entry<Long, Integer> from : movedFrom.entrySet()) {
                LockedQuant source = ledger.lock(c, keyOf(c, from.getKey())).orElseThrow();
                post(c, source, -Math.min(from.getValue(), source.quantity()), units);
            }
            here = post(c, here, movedIn + created, units);
            int detached = 0;
            if (units.last()) {
                requireAllParts(c, units, here.id());
                detached = detachUnseen(c, units, here.id(), countedAt);
                post(c, here, -Math.min(detached, here.quantity()), units);
            }
            return new Result(false, movedIn, created, detached);
        }
    }

    /** Posts a unit movement effective at the count moment; a count anchored after it absorbs it. */
    private LockedQuant post(Connection c, LockedQuant quant, long delta, UnitsCounted units) throws SQLException {
        if (delta == 0) {
            return quant;
        }
        LedgerEntry entry = ledger.post(c, quant, MOVE, AdjustmentRequested.REASON_STOCK_COUNT, delta,
                units.requestId(), units.countedAt(), null);
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

    /** Units linked here at the count moment (not those received after it) that the count did not see. */
    private static int detachUnseen(Connection c, UnitsCounted units, long quantId, Timestamp countedAt)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update serialized_unit u set quant_id = null, linked_at = null"
                + " where u.quant_id = ? and u.linked_at <= ? and not exists (select 1 from count_unit_seen s"
                + " where s.quant_id = ? and s.count_id = ? and s.version = ? and s.serial = u.serial)")) {
            update.setLong(1, quantId);
            update.setTimestamp(2, countedAt);
            update.setLong(3, quantId);
            update.setString(4, units.countId());
            update.setInt(5, units.countVersion());
            return update.executeUpdate();
        }
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
}
