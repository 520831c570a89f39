package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.contracts.inventory.v1.AdjustmentsApplied;
import com.stockcount.inventory.stock.CountCorrections;
import com.stockcount.inventory.stock.Ledger;
import com.stockcount.inventory.stock.LedgerEntry;
import com.stockcount.inventory.stock.LockedQuant;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.platform.outbox.OutboxMessage;
import com.stockcount.platform.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Applies adjustment requests (from reconciliation) exactly once: the id of the record that carried them
 * (a request's own id, or a batch's id) is recorded in the transaction that changes the quant, writes the
 * ledger and the outbox, so a redelivery finds it and does nothing, and a crash leaves either all of it or none.
 *
 * <p>A poll's worth of requests is applied in one transaction with a few set-based statements per
 * <em>round</em>: round n holds the n-th request of each quant in the batch, so a quant asked twice
 * is planned the second time from what the first request posted, exactly as if they came one by one.
 */
@ApplicationScoped
public class AdjustmentService {

    private static final Logger LOG = Logger.getLogger(AdjustmentService.class);

    /** The idempotency key of the request topic's consumer: adjustment requests and UnitsCounted parts share it. */
    static final String CONSUMER = "adjustment-request";

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    CountCorrections counts;

    @Inject
    UnitsCountService units;

    /** DEAD_LETTERED: an invalid request of a batch record, parked alone on the dead-letter topic. */
    public enum Outcome { APPLIED, REJECTED, DUPLICATE, SUPERSEDED, DEAD_LETTERED }

    /** Applies one request; see {@link #applyAll}. */
    @Transactional(rollbackOn = SQLException.class)
    public Outcome apply(AdjustmentRequested request) throws SQLException {
        return applyAll(List.of(request)).get(0);
    }

    /**
     * Applies the instructions in order, in one transaction: runs of adjustment requests set-based, parts
     * of units counted one by one between them (the order of a quant's instructions is kept).
     *
     * @throws PoisonRecordException as {@link #applyAll}, or for a part of units counted that can never apply;
     *                               nothing of the batch is applied then
     */
    @Transactional(rollbackOn = SQLException.class)
    public void applyInOrder(List<CountInstruction> instructions) throws SQLException {
        List<AdjustmentRequested> run = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        for (CountInstruction instruction : instructions) {
            if (instruction instanceof CountInstruction.Adjust adjust) {
                run.add(adjust.request());
                batchIds.add(null);
            } else if (instruction instanceof CountInstruction.AdjustBatch adjust) {
                run.addAll(adjust.batch().requests());
                batchIds.addAll(Collections.nCopies(adjust.batch().requests().size(), adjust.batch().batchId()));
            } else if (instruction instanceof CountInstruction.Units part) {
                apply(run, batchIds);
                run.clear();
                batchIds.clear();
                units.apply(part.units());
            }
        }
        apply(run, batchIds);
    }

    /**
     * Applies the requests in order, in one transaction, each as if it came alone.
     *
     * @return the outcome of each request, in order, for logs and tests
     * @throws PoisonRecordException when a request names a site, bin or product inventory does not know,
     *                               or a lot that does not fit the product: no retry will help; nothing
     *                               of the batch is applied then
     */
    @Transactional(rollbackOn = SQLException.class)
    public List<Outcome> applyAll(List<AdjustmentRequested> requests) throws SQLException {
        return apply(requests, Collections.nCopies(requests.size(), null));
    }

    /**
     * {@link #applyAll}, where a request with a batch id in {@code batchIds} (same index) came in that
     * {@code AdjustmentRequestBatch}: their outcomes are published as {@link AdjustmentsApplied}, and an invalid
     * one is dead-lettered alone (the record carries valid requests beside it, which must not be dropped).
     *
     * <p>What is recorded as processed is the <em>record</em>: a request that came alone under its own id, a
     * batch under its batch id (one {@code processed_event} row instead of up to 500). As strong, because a
     * batch's content is fixed once: reconciliation writes its outbox row in the transaction of the completion
     * (with the completion's own idempotency record), and the row is only ever published again as that same row,
     * same event id, same requests; so every delivery of a batch id carries the same requests, and recording the
     * id with the effects of the first delivery makes every later one a duplicate, as the request ids did. A
     * request is never sent in a batch and alone, except an invalid request of a batch parked on the dead-letter
     * topic: that one was not applied (its batch id records the batch; the request's own id is not recorded),
     * so replayed alone under its own id it applies once, and is recorded then. Within one transaction a request
     * id seen twice (a batch delivered twice in one poll, a repeated id) is a duplicate after its first
     * occurrence, in memory. Besides, requests of a count are set-to corrections versioned by their anchor: one
     * applied a second time under another record would only be superseded.
     */
    private List<Outcome> apply(List<AdjustmentRequested> requests, List<String> batchIds) throws SQLException {
        Outcome[] outcomes = new Outcome[requests.size()];
        if (requests.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            List<String> recordIds = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                recordIds.add(batchIds.get(i) == null ? requests.get(i).requestId() : batchIds.get(i));
            }
            Set<String> fresh = ProcessedEvents.firstDeliveries(c, CONSUMER, new LinkedHashSet<>(recordIds));
            fresh.removeAll(recordedByRequestIds(c, requests, batchIds, fresh));
            Set<String> seen = new HashSet<>();
            List<Integer> firsts = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                if (fresh.contains(recordIds.get(i)) && seen.add(requests.get(i).requestId())) {
                    firsts.add(i);
                } else {
                    outcomes[i] = Outcome.DUPLICATE;
                }
            }
            Map<Integer, String> invalid = check(c, requests, firsts);
            List<OutboxMessage> parked = new ArrayList<>();
            List<List<Integer>> rounds = new ArrayList<>();
            Map<QuantKey, Integer> seenPerQuant = new HashMap<>();
            for (int i : firsts) {
                String why = invalid.get(i);
                if (why != null && batchIds.get(i) == null) {
                    throw new PoisonRecordException(why);
                }
                if (why != null) {
                    LOG.warnf("request %s of a batch is invalid, dead-lettered alone: %s", requests.get(i).requestId(), why);
                    parked.add(deadLetter(requests.get(i)));
                    outcomes[i] = Outcome.DEAD_LETTERED;
                    continue;
                }
                int round = seenPerQuant.merge(requests.get(i).quant(), 1, Integer::sum) - 1;
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(i);
            }
            ledger.publishAll(c, parked);
            if (rounds.isEmpty()) {
                return Arrays.asList(outcomes);
            }
            List<AdjustmentRequested> toApply = rounds.stream().flatMap(List::stream).map(requests::get).toList();
            // a quant is created when a request may need it; a key that only has DELTAs below zero stays without one
            Map<QuantKey, Long> create = new LinkedHashMap<>();
            for (AdjustmentRequested r : toApply) {
                if (r.countBased() || r.delta() >= 0) {
                    create.put(r.quant(), seenPerQuant.get(r.quant()) == 1 ? quantityLeftOnNewQuant(r) : 0L);
                }
            }
            // the quants created here are already ours; only the others are locked (on a first count, none)
            Map<QuantKey, LockedQuant> quants = ledger.createMissing(c, create);
            Set<QuantKey> existing = new HashSet<>(seenPerQuant.keySet());
            existing.removeAll(quants.keySet());
            quants.putAll(ledger.lockAll(c, existing));
            List<AdjustmentApplied> batchedOutcomes = new ArrayList<>();
            for (List<Integer> round : rounds) {
                applyRound(c, requests, round, batchIds, quants, outcomes, batchedOutcomes);
            }
            // after every ledger entry of the transaction: per quant, its entry is published before the outcome
            ledger.publishAll(c, outcomeBatches(batchedOutcomes));
        }
        return Arrays.asList(outcomes);
    }

    /**
     * The batches among {@code fresh} that an inventory before batch-id de-duplication already applied: it recorded
     * every request id of a batch in the transaction of its effects, so the first request's id is enough. Without
     * this, such a batch redelivered across the upgrade would apply again (its counts superseded, its deltas twice).
     * Needed until no inventory older than this one has consumed the request topic's retained records.
     */
    private static Set<String> recordedByRequestIds(Connection c, List<AdjustmentRequested> requests,
                                                    List<String> batchIds, Set<String> fresh) throws SQLException {
        Map<String, String> batchOfFirstRequest = new HashMap<>();
        Set<String> batches = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            String batchId = batchIds.get(i);
            if (batchId != null && fresh.contains(batchId) && batches.add(batchId)) {
                batchOfFirstRequest.put(requests.get(i).requestId(), batchId);
            }
        }
        Set<String> recorded = new HashSet<>();
        if (batchOfFirstRequest.isEmpty()) {
            return recorded;
        }
        try (PreparedStatement select = c.prepareStatement("select event_id from processed_event where consumer = ?"
                + " and event_id = any (?)")) {
            select.setString(1, CONSUMER);
            select.setArray(2, c.createArrayOf("text", batchOfFirstRequest.keySet().toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String batchId = batchOfFirstRequest.get(rs.getString(1));
                    LOG.infof("batch %s was applied by request ids before the upgrade: a duplicate", batchId);
                    recorded.add(batchId);
                }
            }
        }
        return recorded;
    }

    /**
     * What the only request of the transaction on a quant created for it leaves: the quant has no ledger entry
     * and no anchor yet, so a COUNT posts what was counted, a DELTA its delta, a WITHDRAW nothing; a negative
     * result is refused and leaves 0. (Only an expectation: see {@link Ledger#createMissing}.)
     */
    private static long quantityLeftOnNewQuant(AdjustmentRequested r) {
        if (r.kind().equals(AdjustmentRequested.KIND_WITHDRAW)) {
            return 0;
        }
        return Math.max(0, r.countBased() ? r.countedQuantity() : r.delta());
    }

    /** The outcomes of batched requests, {@link AdjustmentsApplied#MAX_APPLIED} to a record. */
    private static List<OutboxMessage> outcomeBatches(List<AdjustmentApplied> applied) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int from = 0; from < applied.size(); from += AdjustmentsApplied.MAX_APPLIED) {
            List<AdjustmentApplied> slice = applied.subList(from, Math.min(applied.size(),
                    from + AdjustmentsApplied.MAX_APPLIED));
            // each request is applied once, so its id names the one batch that reports it first
            AdjustmentsApplied batch = new AdjustmentsApplied("adjustments-applied:" + slice.get(0).requestId(), slice);
            messages.add(OutboxMessage.of(Topics.INVENTORY_LEDGER, slice.get(0).quant().asString(), batch.batchId(),
                    AdjustmentsApplied.TYPE, AdjustmentsApplied.VERSION, slice.get(0).at(), null, batch));
        }
        return messages;
    }

    /** An invalid request of a batch, on the dead-letter topic as a record of its own that can be replayed. */
    private static OutboxMessage deadLetter(AdjustmentRequested r) {
        return OutboxMessage.of(Topics.deadLetterOf(Topics.INVENTORY_ADJUSTMENT_REQUEST), r.quant().asString(),
                r.requestId(), AdjustmentRequested.TYPE, AdjustmentRequested.VERSION, r.requestedAt(), r.sessionId(), r);
    }

    /** Applies requests on distinct quants; updates {@code quants} to the quantities they leave. */
    private void applyRound(Connection c, List<AdjustmentRequested> requests, List<Integer> round, List<String> batchIds,
                            Map<QuantKey, LockedQuant> quants, Outcome[] outcomes,
                            List<AdjustmentApplied> batchedOutcomes) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<OutboxMessage> outcomeEvents = new ArrayList<>();
        List<Integer> deltaIndexes = new ArrayList<>();
        List<Ledger.Posting> deltaPostings = new ArrayList<>();
        List<Integer> countIndexes = new ArrayList<>();
        List<CountCorrections.Target> countTargets = new ArrayList<>();
        for (int i : round) {
            AdjustmentRequested r = requests.get(i);
            LockedQuant quant = quants.get(r.quant());
            if (r.countBased()) {
                countIndexes.add(i);
                countTargets.add(new CountCorrections.Target(quant, r));
                continue;
            }
            long onHand = quant == null ? 0 : quant.quantity();
            if (onHand + r.delta() < 0) {
                outcomeEvents.add(rejected(r, r.delta(), onHand, now));
                outcomes[i] = Outcome.REJECTED;
                continue;
            }
            deltaIndexes.add(i);
            deltaPostings.add(new Ledger.Posting(quant, LedgerEntry.SYSTEM_CORRECTION, r.reason(), r.delta(),
                    r.requestId(), null, null));
        }
        List<LedgerEntry> deltaEntries = ledger.postAll(c, deltaPostings);
        for (int k = 0; k < deltaIndexes.size(); k++) {
            LockedQuant quant = deltaPostings.get(k).quant();
            quants.put(quant.key(), quant.after(deltaEntries.get(k)));
            outcomes[deltaIndexes.get(k)] = Outcome.APPLIED;
        }

        // COUNT and WITHDRAW: inventory works the change out from its own ledger, with the quants locked,
        // so no movement can slip in between reading and posting
        List<CountCorrections.Plan> plans = counts.planAll(c, countTargets);
        List<CountCorrections.Target> accepted = new ArrayList<>();
        List<CountCorrections.Plan> acceptedPlans = new ArrayList<>();
        List<Integer> acceptedIndexes = new ArrayList<>();
        for (int k = 0; k < countTargets.size(); k++) {
            CountCorrections.Target t = countTargets.get(k);
            CountCorrections.Plan plan = plans.get(k);
            if (t.quant().quantity() + plan.delta() < 0) {
                outcomeEvents.add(rejected(t.request(), plan.delta(), t.quant().quantity(), now));
                outcomes[countIndexes.get(k)] = Outcome.REJECTED;
                continue;
            }
            accepted.add(t);
            acceptedPlans.add(plan);
            acceptedIndexes.add(countIndexes.get(k));
        }
        List<CountCorrections.Applied> applied = counts.applyAll(c, accepted, acceptedPlans);
        List<UnitsCountService.Withdrawal> withdrawals = new ArrayList<>();
        for (int k = 0; k < accepted.size(); k++) {
            AdjustmentRequested r = accepted.get(k).request();
            LockedQuant quant = accepted.get(k).quant();
            CountCorrections.Applied a = applied.get(k);
            if (a.entry() != null) {
                quants.put(quant.key(), quant.after(a.entry()));
            }
            Instant at = a.entry() == null ? now : a.entry().at();
            AdjustmentApplied event = new AdjustmentApplied(r.requestId(), quant.key(), quant.idString(), r.countId(),
                    r.countVersion(), r.kind(), r.countedQuantity(), r.countedAt(),
                    r.kind().equals(AdjustmentRequested.KIND_COUNT) && !a.superseded() ? a.quantityAtCount() : null,
                    a.delta(), a.countCorrection(), a.quantityAfter(), a.entry() == null ? null : a.entry().id(), at,
                    a.superseded());
            if (batchIds.get(acceptedIndexes.get(k)) != null) {
                batchedOutcomes.add(event);
            } else {
                outcomeEvents.add(OutboxMessage.of(Topics.INVENTORY_LEDGER, quant.key().asString(), event.eventId(),
                        AdjustmentApplied.TYPE, AdjustmentApplied.VERSION, at, r.requestId(), event));
            }
            outcomes[acceptedIndexes.get(k)] = a.superseded() ? Outcome.SUPERSEDED : Outcome.APPLIED;
            if (!a.superseded() && r.kind().equals(AdjustmentRequested.KIND_WITHDRAW)) {
                withdrawals.add(new UnitsCountService.Withdrawal(quants.get(quant.key()), r.countId(), r.requestId()));
            }
        }
        // a WITHDRAW also takes back the unit changes its count made (its anchor is withdrawn by now); the
        // outcome's quantityAfter is the WITHDRAW's own, the unit moves follow it as move entries
        units.takeBackAll(c, withdrawals).forEach(quants::replace);
        // after the ledger entries of the round: per quant, its entry is published before the outcome
        ledger.publishAll(c, outcomeEvents);
    }

    private static OutboxMessage rejected(AdjustmentRequested r, long delta, long onHand, Instant at) {
        AdjustmentRejected rejected = new AdjustmentRejected(r.requestId(), r.quant(), delta,
                AdjustmentRejected.NEGATIVE_QUANTITY, at, r.reason(), onHand);
        return OutboxMessage.of(Topics.INVENTORY_LEDGER, r.quant().asString(), rejected.eventId(),
                AdjustmentRejected.TYPE, AdjustmentRejected.VERSION, at, r.requestId(), rejected);
    }

    /**
     * Every site, bin and product named must exist, and the lot must fit the product: one query each.
     *
     * @return why each invalid request among {@code indexes} can never apply, by index
     */
    private static Map<Integer, String> check(Connection c, List<AdjustmentRequested> requests, List<Integer> indexes)
            throws SQLException {
        Map<Integer, String> invalid = new HashMap<>();
        if (indexes.isEmpty()) {
            return invalid;
        }
        Set<QuantKey> bins = new LinkedHashSet<>();
        Set<String> skus = new HashSet<>();
        for (int i : indexes) {
            AdjustmentRequested r = requests.get(i);
            bins.add(new QuantKey(r.quant().siteCode(), r.quant().binCode(), "-", ""));
            skus.add(r.quant().sku());
        }
        Map<QuantKey, String> unknownBins = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select k.s, k.b, exists (select 1 from site where code = k.s)"
                + " from unnest(?::text[], ?::text[]) as k(s, b)"
                + " where not exists (select 1 from bin where site_code = k.s and code = k.b)")) {
            select.setArray(1, c.createArrayOf("text", bins.stream().map(QuantKey::siteCode).toArray()));
            select.setArray(2, c.createArrayOf("text", bins.stream().map(QuantKey::binCode).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    unknownBins.put(new QuantKey(rs.getString(1), rs.getString(2), "-", ""), rs.getBoolean(3)
                            ? "unknown bin " + rs.getString(2) + " in site " + rs.getString(1)
                            : "unknown site " + rs.getString(1));
                }
            }
        }
        Map<String, Boolean> lotTracked = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("select sku, tracking = 'LOT' from product where sku = any (?)")) {
            select.setArray(1, c.createArrayOf("text", skus.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lotTracked.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        for (int i : indexes) {
            AdjustmentRequested r = requests.get(i);
            QuantKey key = r.quant();
            String bin = unknownBins.get(new QuantKey(key.siteCode(), key.binCode(), "-", ""));
            Boolean lots = lotTracked.get(key.sku());
            if (bin != null) {
                invalid.put(i, bin);
            } else if (lots == null) {
                invalid.put(i, "unknown product " + key.sku());
            } else if (lots == key.lot().isEmpty()) {
                invalid.put(i, "request " + r.requestId() + ": product " + key.sku()
                        + (lots ? " is lot-tracked but no lot was given" : " has no lots, got lot " + key.lot()));
            }
        }
        return invalid;
    }
}
