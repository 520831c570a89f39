package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.AdjustmentApplied;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.inventory.product.Product;
import com.stockcount.inventory.product.ProductService;
import com.stockcount.inventory.site.SiteService;
import com.stockcount.inventory.stock.CountCorrections;
import com.stockcount.inventory.stock.LedgerEntry;
import com.stockcount.inventory.stock.Ledger;
import com.stockcount.inventory.stock.LockedQuant;
import com.stockcount.platform.kafka.PoisonRecordException;
import com.stockcount.platform.outbox.OutboxMessage;
import com.stockcount.platform.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Applies adjustment requests (from reconciliation) exactly once: the request id is recorded in the
 * transaction that changes the quant, writes the ledger and the outbox, so a redelivery finds it
 * and does nothing, and a crash leaves either all of it or none.
 */
@ApplicationScoped
public class AdjustmentService {

    static final String CONSUMER = "adjustment-request";

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    CountCorrections counts;

    /**
     * @return the outcome, for logs and tests
     * @throws PoisonRecordException when the request names a site, bin or product inventory does not
     *                               know, or a lot that does not fit the product: no retry will help
     */
    @Transactional(rollbackOn = SQLException.class)
    public Outcome apply(AdjustmentRequested request) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!ProcessedEvents.firstDelivery(c, CONSUMER, request.requestId())) {
                return Outcome.DUPLICATE;
            }
            QuantKey key = request.quant();
            Product product = check(c, key);
            if (product.lotTracked() == key.lot().isEmpty()) {
                throw new PoisonRecordException("request " + request.requestId() + ": product " + key.sku()
                        + (product.lotTracked() ? " is lot-tracked but no lot was given" : " has no lots, got lot " + key.lot()));
            }
            Optional<LockedQuant> existing = ledger.lock(c, key);
            if (request.countBased()) {
                return applyCount(c, request, existing.isPresent() ? existing.get() : ledger.lockOrCreate(c, key));
            }
            long onHand = existing.map(LockedQuant::quantity).orElse(0L);
            if (onHand + request.delta() < 0) {
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                AdjustmentRejected rejected = new AdjustmentRejected(request.requestId(), key, request.delta(),
                        AdjustmentRejected.NEGATIVE_QUANTITY, at, request.reason(), onHand);
                ledger.publish(c, OutboxMessage.of(Topics.INVENTORY_LEDGER, key.asString(), rejected.eventId(),
                        AdjustmentRejected.TYPE, AdjustmentRejected.VERSION, at, request.requestId(), rejected));
                return Outcome.REJECTED;
            }
            LockedQuant quant = existing.isPresent() ? existing.get() : ledger.lockOrCreate(c, key);
            ledger.post(c, quant, LedgerEntry.SYSTEM_CORRECTION, request.reason(), request.delta(), request.requestId());
            return Outcome.APPLIED;
        }
    }

    /**
     * A COUNT or WITHDRAW request: inventory works the change out from its own ledger, inside this
     * transaction, with the quant locked, so no movement can slip in between reading and posting.
     */
    private Outcome applyCount(Connection c, AdjustmentRequested request, LockedQuant quant) throws SQLException {
        CountCorrections.Plan plan = counts.plan(c, quant, request);
        QuantKey key = quant.key();
        if (quant.quantity() + plan.delta() < 0) {
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AdjustmentRejected rejected = new AdjustmentRejected(request.requestId(), key, plan.delta(),
                    AdjustmentRejected.NEGATIVE_QUANTITY, at, request.reason(), quant.quantity());
            ledger.publish(c, OutboxMessage.of(Topics.INVENTORY_LEDGER, key.asString(), rejected.eventId(),
                    AdjustmentRejected.TYPE, AdjustmentRejected.VERSION, at, request.requestId(), rejected));
            return Outcome.REJECTED;
        }
        CountCorrections.Applied applied = counts.apply(c, quant, request, plan);
        Instant at = applied.entry() == null ? Instant.now().truncatedTo(ChronoUnit.MICROS) : applied.entry().at();
        AdjustmentApplied event = new AdjustmentApplied(request.requestId(), key, quant.idString(), request.countId(),
                request.countVersion(), request.kind(), request.countedQuantity(), request.countedAt(),
                request.kind().equals(AdjustmentRequested.KIND_COUNT) && !applied.superseded()
                        ? applied.quantityAtCount() : null,
                applied.delta(), applied.countCorrection(), applied.quantityAfter(),
                applied.entry() == null ? null : applied.entry().id(), at, applied.superseded());
        ledger.publish(c, OutboxMessage.of(Topics.INVENTORY_LEDGER, key.asString(), event.eventId(),
                AdjustmentApplied.TYPE, AdjustmentApplied.VERSION, at, request.requestId(), event));
        return applied.superseded() ? Outcome.SUPERSEDED : Outcome.APPLIED;
    }

    public enum Outcome { APPLIED, REJECTED, DUPLICATE, SUPERSEDED }

    private static Product check(Connection c, QuantKey key) throws SQLException {
        if (SiteService.find(c, key.siteCode()).isEmpty()) {
            throw new PoisonRecordException("unknown site " + key.siteCode());
        }
        if (SiteService.findBin(c, key.siteCode(), key.binCode()).isEmpty()) {
            throw new PoisonRecordException("unknown bin " + key.binCode() + " in site " + key.siteCode());
        }
        return ProductService.find(c, key.sku())
                .orElseThrow(() -> new PoisonRecordException("unknown product " + key.sku()));
    }
}
