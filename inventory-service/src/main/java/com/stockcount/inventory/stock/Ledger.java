package com.stockcount.inventory.stock;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.LedgerEntriesRecorded;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The only way a quant's quantity changes: in the caller's transaction the quant is updated, the
 * ledger entry appended, and its {@link LedgerEntryRecorded} (or, for several entries, their
 * {@link LedgerEntriesRecorded}) written to the outbox. So no change is ever unrecorded or unpublished.
 */
@ApplicationScoped
public class Ledger {

    /** Most a record of several entries may weigh, by {@link #estimatedBytes}: half of Kafka's 1 MB default. */
    static final int MAX_RECORD_BYTES = 512 * 1024;

    @Inject
    Event<OutboxWritten> outboxWritten;

    @Inject
    LedgerPartitions partitions;

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

    /**
     * Locks the quants of {@code keys} that exist, in id order: every batch locks in the same order,
     * so two batches sharing quants wait for each other instead of deadlocking.
     */
    public Map<QuantKey, LockedQuant> lockAll(Connection c, Collection<QuantKey> keys) throws SQLException {
        Map<QuantKey, LockedQuant> locked = new HashMap<>();
        if (keys.isEmpty()) {
            return locked;
        }
        try (PreparedStatement select = c.prepareStatement("select q.id, q.site_code, q.bin_code, q.sku, q.lot,"
                + " q.quantity from quant q join unnest(?::text[], ?::text[], ?::text[], ?::text[]) as k(s, b, p, l)"
                + " on q.site_code = k.s and q.bin_code = k.b and q.sku = k.p and q.lot = k.l"
                + " order by q.id for update of q")) {
            bindKeys(c, select, 1, keys);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    QuantKey key = new QuantKey(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    locked.put(key, new LockedQuant(rs.getLong(1), key, rs.getLong(6)));
                }
            }
        }
        return locked;
    }

    /**
     * Creates the quants of {@code keys} that do not exist yet (sites, bins and products must exist), each row
     * holding the quantity the caller expects its postings of this transaction to leave. They start empty all
     * the same: the returned quants say 0, the postings are planned from 0, and {@link #postAll} writes the
     * quantity a row must hold unless it already does. Why: a row this transaction inserted and then updates
     * gets a second version (on a full page, with an entry in every index) and PostgreSQL checks its foreign
     * keys again; on a first count that was one update per new quant. A wrong expectation costs only that
     * update, and a quant that gets no posting must be expected at 0.
     *
     * @param keys the quants to create, each with the quantity its row is expected to hold at commit
     * @return the quants created: this transaction's own rows, invisible to others until it commits, so they
     *         need no lock (a concurrent creator of the same key waits on the unique index meanwhile)
     */
    public Map<QuantKey, LockedQuant> createMissing(Connection c, Map<QuantKey, Long> keys) throws SQLException {
        Map<QuantKey, LockedQuant> created = new HashMap<>();
        if (keys.isEmpty()) {
            return created;
        }
        // in key order, so concurrent creators of the same quants queue on them in the same order
        try (PreparedStatement insert = c.prepareStatement("insert into quant (site_code, bin_code, sku, lot, quantity)"
                + " select s, b, p, l, n from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                + " as k(s, b, p, l, n) order by s, b, p, l on conflict (site_code, bin_code, sku, lot) do nothing"
                + " returning id, site_code, bin_code, sku, lot")) {
            bindKeys(c, insert, 1, keys.keySet());
            insert.setArray(5, c.createArrayOf("bigint", keys.values().toArray()));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    QuantKey key = new QuantKey(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    created.put(key, new LockedQuant(rs.getLong(1), key, 0));
                }
            }
        }
        return created;
    }

    /** Binds the four columns of {@code keys} as text arrays, from parameter {@code first} on. */
    private static void bindKeys(Connection c, PreparedStatement statement, int first, Collection<QuantKey> keys)
            throws SQLException {
        statement.setArray(first, c.createArrayOf("text", keys.stream().map(QuantKey::siteCode).toArray()));
        statement.setArray(first + 1, c.createArrayOf("text", keys.stream().map(QuantKey::binCode).toArray()));
        statement.setArray(first + 2, c.createArrayOf("text", keys.stream().map(QuantKey::sku).toArray()));
        statement.setArray(first + 3, c.createArrayOf("text", keys.stream().map(QuantKey::lot).toArray()));
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
        return postAll(c, List.of(new Posting(quant, type, reason, delta, requestId, effectiveAt, countId))).get(0);
    }

    /** One change to post on a locked quant; see {@link #post(Connection, LockedQuant, String, String, long, String, Instant, String)}. */
    public record Posting(LockedQuant quant, String type, String reason, long delta, String requestId,
                          Instant effectiveAt, String countId) {
    }

    /**
     * Posts every change with a handful of statements: the quants are updated, the
     * entries appended and their events written to the outbox, in the order given. Several postings
     * on one quant follow each other: each starts from the quantity the previous one left.
     *
     * @return the entries, in the order of {@code postings}
     */
    public List<LedgerEntry> postAll(Connection c, List<Posting> postings) throws SQLException {
        if (postings.isEmpty()) {
            return List.of();
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<Long, Long> quantities = new LinkedHashMap<>();
        long[] afters = new long[postings.size()];
        for (int i = 0; i < postings.size(); i++) {
            Posting p = postings.get(i);
            long after = Math.addExact(quantities.getOrDefault(p.quant().id(), p.quant().quantity()), p.delta());
            if (after < 0) {
                throw new IllegalStateException("quant " + p.quant().id() + " would go to " + after);
            }
            quantities.put(p.quant().id(), after);
            afters[i] = after;
        }
        // one statement per table over arrays, whatever the number of postings; a row already holding its
        // quantity (created with it, see createMissing) is left as it is
        try (PreparedStatement update = c.prepareStatement("update quant q set quantity = k.quantity"
                + " from unnest(?::bigint[], ?::bigint[]) as k(id, quantity) where q.id = k.id"
                + " and q.quantity <> k.quantity")) {
            update.setArray(1, c.createArrayOf("bigint", quantities.keySet().toArray()));
            update.setArray(2, c.createArrayOf("bigint", quantities.values().toArray()));
            update.executeUpdate();
        }
        // ids drawn first, in posting order, so each entry knows its id without relying on the order of RETURNING
        long[] ids = new long[postings.size()];
        try (PreparedStatement next = c.prepareStatement("select nextval('ledger_entry_id_seq')"
                + " from generate_series(1, ?)")) {
            next.setInt(1, postings.size());
            try (ResultSet rs = next.executeQuery()) {
                for (int i = 0; i < ids.length; i++) {
                    rs.next();
                    ids[i] = rs.getLong(1);
                }
            }
        }
        int n = postings.size();
        Object[][] columns = new Object[13][n];
        List<LedgerEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Posting p = postings.get(i);
            QuantKey key = p.quant().key();
            Instant effective = p.effectiveAt() == null ? at : p.effectiveAt();
            Object[] row = {ids[i], key.siteCode(), p.quant().id(), key.binCode(), key.sku(), key.lot(), p.type(),
                    p.reason(), p.delta(), afters[i], Timestamp.from(at), p.requestId(), Timestamp.from(effective)};
            for (int col = 0; col < row.length; col++) {
                columns[col][i] = row[col];
            }
            entries.add(new LedgerEntry(ids[i], p.quant().idString(), p.type(), p.reason(), key.sku(), key.binCode(),
                    key.lot(), p.delta(), afters[i], at, p.requestId(), effective, p.countId()));
        }
        try (PreparedStatement insert = c.prepareStatement("insert into ledger_entry (id, site_code, quant_id, bin_code,"
                + " sku, lot, type, reason, delta, quantity_after, at, request_id, effective_at, count_id)"
                + " select * from unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[])")) {
            String[] types = {"bigint", "text", "bigint", "text", "text", "text", "text", "text", "bigint", "bigint",
                    "timestamptz", "text", "timestamptz"};
            for (int col = 0; col < types.length; col++) {
                insert.setArray(col + 1, c.createArrayOf(types[col], columns[col]));
            }
            insert.setArray(14, c.createArrayOf("text", postings.stream().map(Posting::countId).toArray()));
            insert.executeUpdate();
        }
        List<LedgerEntryRecorded> recorded = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            LedgerEntry e = entries.get(i);
            recorded.add(new LedgerEntryRecorded(e.id(), e.quantId(), postings.get(i).quant().key(), e.type(),
                    e.reason(), e.delta(), e.quantityAfter(), at, e.requestId()));
        }
        publishAll(c, ledgerRecords(recorded, at));
        return entries;
    }

    /**
     * The records of a transaction's entries: one entry alone as {@link LedgerEntryRecorded}; several grouped by
     * the partition their own quant's key goes to on {@code inventory.ledger.v1}, each group in posting order cut
     * into {@link LedgerEntriesRecorded} of at most {@value LedgerEntriesRecorded#MAX_ENTRIES} entries and
     * {@link #MAX_RECORD_BYTES} estimated bytes, keyed by its first entry's quant. So every entry reaches its
     * quant's partition, in the same order as if it went alone: after the quant's earlier records (this
     * transaction's earlier rows, other transactions' rows, see {@link #publishAll}) and before its later ones.
     */
    private List<OutboxMessage> ledgerRecords(List<LedgerEntryRecorded> recorded, Instant at) {
        List<OutboxMessage> records = new ArrayList<>();
        if (recorded.size() == 1) {
            records.add(ledgerRecord(recorded, at));
            return records;
        }
        ToIntFunction<QuantKey> partitionOf = partitions.current();
        Map<Integer, List<LedgerEntryRecorded>> open = new LinkedHashMap<>();
        Map<Integer, Integer> openBytes = new HashMap<>();
        for (LedgerEntryRecorded e : recorded) {
            int partition = partitionOf.applyAsInt(e.quant());
            int bytes = estimatedBytes(e);
            List<LedgerEntryRecorded> group = open.get(partition);
            if (group != null && (group.size() == LedgerEntriesRecorded.MAX_ENTRIES
                    || openBytes.get(partition) + bytes > MAX_RECORD_BYTES)) {
                records.add(ledgerRecord(group, at));
                group = null;
            }
            if (group == null) {
                group = new ArrayList<>();
                open.put(partition, group);
                openBytes.put(partition, 0);
            }
            group.add(e);
            openBytes.merge(partition, bytes, Integer::sum);
        }
        for (List<LedgerEntryRecorded> group : open.values()) {
            records.add(ledgerRecord(group, at));
        }
        return records;
    }

    private static OutboxMessage ledgerRecord(List<LedgerEntryRecorded> group, Instant at) {
        LedgerEntryRecorded first = group.get(0);
        if (group.size() == 1) {
            return OutboxMessage.of(Topics.INVENTORY_LEDGER, first.quant().asString(), first.eventId(),
                    LedgerEntryRecorded.TYPE, LedgerEntryRecorded.VERSION, at, first.requestId(), first);
        }
        LedgerEntriesRecorded entries = new LedgerEntriesRecorded(group);
        return OutboxMessage.of(Topics.INVENTORY_LEDGER, first.quant().asString(), entries.eventId(),
                LedgerEntriesRecorded.TYPE, LedgerEntriesRecorded.VERSION, at, null, entries);
    }

    /**
     * An upper bound of an entry's bytes in JSON: 256 for the field names, punctuation, three numbers of at most 20
     * characters and the time (about 230 at most), plus 6 per character of its texts (a character escaped as a
     * backslash, u and four hex digits takes 6 bytes, any other at most 3 in UTF-8). With codes of ordinary length
     * an entry is ~400 bytes and a record of 500 ~200 kB; codes of any length still cannot push a record of several
     * entries past {@link #MAX_RECORD_BYTES}, half of Kafka's 1 MB default (a single entry too long for it goes
     * alone, as any entry did before).
     */
    static int estimatedBytes(LedgerEntryRecorded e) {
        QuantKey q = e.quant();
        long chars = length(e.quantId()) + length(q.siteCode()) + length(q.binCode()) + length(q.sku())
                + length(q.lot()) + length(e.type()) + length(e.reason()) + length(e.requestId());
        return (int) Math.min(Integer.MAX_VALUE / 2, 256 + 6 * chars);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /** Appends to the outbox in the caller's transaction and asks for a relay nudge once it commits. */
    public void publish(Connection c, OutboxMessage message) throws SQLException {
        publishAll(c, List.of(message));
    }

    /**
     * {@link #publish} for many messages: one JDBC batch, one nudge.
     *
     * <p>No lock of its own. The relay publishes the rows it reads in id order and deletes exactly those, so a row
     * committed late with a smaller id than rows already published is published at the next round, not lost. What
     * readers need is order per record key, and every outbox writer of inventory writes a key's rows while holding
     * that key's quant row lock until it commits: REST receipts and picks and the unit moves of a count
     * ({@link #lock}/{@link #lockOrCreate}, both quants of a move), the requests of a poll ({@link #lockAll}, or
     * {@link #createMissing}: a row this transaction inserted, on which a concurrent creator waits at the unique
     * index), their {@code AdjustmentsApplied} records keyed by their first quant (one of the quants the
     * transaction holds). So a later writer of the same key locks the quant only once the earlier one has
     * committed, draws larger ids, and commits later: any relay read that sees its rows also sees the earlier
     * ones, and publishes them first. Two rows that hold no quant lock: a rejection of a quant that does not
     * exist (nothing to lock; it is concurrent with whatever creates the quant, and either order tells a true
     * story: the rejection saw none on hand) and an invalid request parked on the dead-letter topic (its key's
     * requests come from one request partition, applied by one consumer one transaction after another).
     */
    public void publishAll(Connection c, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        Outbox.appendAll(c, messages);
        outboxWritten.fire(new OutboxWritten());
    }
}
