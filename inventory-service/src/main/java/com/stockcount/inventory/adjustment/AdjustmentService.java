package com.stockcount.inventory.adjustment;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.AdjustmentRejected;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.inventory.product.Product;
import com.stockcount.inventory.product.ProductService;
import com.stockcount.inventory.site.SiteService;
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

    public enum Outcome { APPLIED, REJECTED, DUPLICATE }

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
