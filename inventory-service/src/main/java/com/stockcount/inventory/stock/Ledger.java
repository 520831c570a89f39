package com.stockcount.inventory.stock;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.inventory.OutboxWritten;
import com.stockcount.platform.outbox.Outbox;
import com.stockcount.platform.outbox.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The only way a quant's quantity changes: in the caller's transaction the quant is updated, the
 * ledger entry appended, and its {@link LedgerEntryRecorded} written to the outbox. So no change is
 * ever unrecorded or unpublished.
 */
@ApplicationScoped
public class Ledger {

    @Inject
    Event<OutboxWritten> outboxWritten;

    /**
     * Locks the quant of {@code key}, if it exists. The lock serializes every change of one quant,
     * which also makes its ledger times increase with its ledger ids.
     */
    public Optional<LockedQuant> lock(Connection c, QuantKey key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select id, quantity from quant"
                + " where site_code = ? and bin_code = ? and sku = ? and lot = ? for update")) {
            select.setString(1, key.siteCode());
            select.setString(2, key.binCode());
            select.setString(3, key.sku());
            select.setString(4, key.lot());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new LockedQuant(rs.getLong(1), key, rs.getLong(2))) : Optional.empty();
            }
        }
    }

    /** Locks the quant of {@code key}, creating it empty first if there is none (site, bin and product must exist). */
    public LockedQuant lockOrCreate(Connection c, QuantKey key) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into quant (site_code, bin_code, sku, lot, quantity)"
                + " values (?, ?, ?, ?, 0) on conflict (site_code, bin_code, sku, lot) do nothing")) {
            insert.setString(1, key.siteCode());
            insert.setString(2, key.binCode());
            insert.setString(3, key.sku());
            insert.setString(4, key.lot());
            insert.executeUpdate();
        }
        return lock(c, key).orElseThrow();
    }

    /** Applies {@code delta} to a locked quant and records it as taking effect now. */
    public LedgerEntry post(Connection c, LockedQuant quant, String type, String reason, long delta, String requestId)
            throws SQLException {
        return post(c, quant, type, reason, delta, requestId, null, null);
    }

    /**
     * Applies {@code delta} to a locked quant and records it; the caller has checked the result is not negative.
     *
     * @param effectiveAt when the change happened on the shelf, {@code null} for now
     * @param countId     the count this entry corrects for, {@code null} for any other movement
     */
    public LedgerEntry post(Connection c, LockedQuant quant, String type, String reason, long delta, String requestId,
                            Instant effectiveAt, String countId) throws SQLException {
        long after = Math.addExact(quant.quantity(), delta);
        if (after < 0) {
            throw new IllegalStateException("quant " + quant.id() + " would go to " + after);
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant effective = effectiveAt == null ? at : effectiveAt;
        try (PreparedStatement update = c.prepareStatement("update quant set quantity = ? where id = ?")) {
            update.setLong(1, after);
            update.setLong(2, quant.id());
            update.executeUpdate();
        }
        long entryId;
        try (PreparedStatement insert = c.prepareStatement("insert into ledger_entry (site_code, quant_id, bin_code, sku,"
                + " lot, type, reason, delta, quantity_after, at, request_id, effective_at, count_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " returning id")) {
            QuantKey key = quant.key();
            insert.setString(1, key.siteCode());
            insert.setLong(2, quant.id());
            insert.setString(3, key.binCode());
            insert.setString(4, key.sku());
            insert.setString(5, key.lot());
            insert.setString(6, type);
            insert.setString(7, reason);
            insert.setLong(8, delta);
            insert.setLong(9, after);
            insert.setTimestamp(10, Timestamp.from(at));
            insert.setString(11, requestId);
            insert.setTimestamp(12, Timestamp.from(effective));
            insert.setString(13, countId);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                entryId = rs.getLong(1);
            }
        }
        LedgerEntryRecorded event = new LedgerEntryRecorded(entryId, quant.idString(), quant.key(), type, reason, delta,
                after, at, requestId);
        publish(c, OutboxMessage.of(Topics.INVENTORY_LEDGER, quant.key().asString(), event.eventId(),
                LedgerEntryRecorded.TYPE, LedgerEntryRecorded.VERSION, at, requestId, event));
        return new LedgerEntry(entryId, quant.idString(), type, reason, quant.key().sku(), quant.key().binCode(),
                quant.key().lot(), delta, after, at, requestId, effective, countId);
    }

    /** Appends to the outbox in the caller's transaction and asks for a relay nudge once it commits. */
    public void publish(Connection c, OutboxMessage message) throws SQLException {
        Outbox.append(c, message);
        outboxWritten.fire(new OutboxWritten());
    }
}
