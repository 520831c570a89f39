package com.stockcount.inventory.stock;

import com.stockcount.contracts.QuantKey;
import com.stockcount.inventory.product.Product;
import com.stockcount.inventory.product.ProductService;
import com.stockcount.inventory.site.SiteService;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Receipts and picks: the stock movements of the floor, each one ledger entry. */
@ApplicationScoped
public class StockService {

    private static final String RECEIPT = "receipt";
    private static final String PICK = "pick";

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Inject
    StockQueries queries;

    @Inject
    CountCorrections counts;

    @Transactional(rollbackOn = SQLException.class)
    public StockMovement receive(String site, Receipt receipt) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Movement m = validate(c, site, receipt.sku(), receipt.bin(), receipt.lot(), receipt.quantity(),
                    receipt.serials());
            Optional<StockMovement> replay = claim(c, site, RECEIPT, receipt.receiptId(), receipt);
            if (replay.isPresent()) {
                return replay.get();
            }
            LockedQuant quant = ledger.lockOrCreate(c, m.key());
            if (m.serials() != null) {
                link(c, quant, m.serials());
            }
            LedgerEntry entry = ledger.post(c, quant, LedgerEntry.RECEIPT, null, m.quantity(), receipt.receiptId(),
                    effective(receipt.occurredAt()), null);
            counts.absorbLate(c, quant.after(entry), entry);
            return remember(c, site, RECEIPT, receipt.receiptId(),
                    new StockMovement(queries.view(c, quant.id()).orElseThrow(), entry));
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public StockMovement pick(String site, Pick pick) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Movement m = validate(c, site, pick.sku(), pick.bin(), pick.lot(), pick.quantity(), pick.serials());
            Optional<StockMovement> replay = claim(c, site, PICK, pick.pickId(), pick);
            if (replay.isPresent()) {
                return replay.get();
            }
            LockedQuant quant = ledger.lock(c, m.key()).orElseThrow(() -> ProblemException.conflict(
                    "nothing of " + m.key().sku() + " in bin " + m.key().binCode() + " to pick"));
            if (quant.quantity() < m.quantity()) {
                throw ProblemException.conflict("cannot pick " + m.quantity() + " of " + m.key().sku() + " from bin "
                        + m.key().binCode() + ": only " + quant.quantity() + " on hand");
            }
            if (m.serials() != null) {
                unlink(c, quant, m.serials());
            }
            LedgerEntry entry = ledger.post(c, quant, LedgerEntry.PICK, null, -m.quantity(), pick.pickId(),
                    effective(pick.occurredAt()), null);
            counts.absorbLate(c, quant.after(entry), entry);
            return remember(c, site, PICK, pick.pickId(),
                    new StockMovement(queries.view(c, quant.id()).orElseThrow(), entry));
        }
    }

    /** A movement can be dated back, never forward: the future has not happened on the shelf yet. */
    private static Instant effective(Instant occurredAt) {
        if (occurredAt != null && occurredAt.isAfter(Instant.now())) {
            throw ProblemException.badField("occurredAt", "must not be in the future, was " + occurredAt);
        }
        return occurredAt == null ? null : occurredAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** A movement that passed the rules of its product's tracking type. */
    private record Movement(QuantKey key, long quantity, List<String> serials) {
    }

    private static Movement validate(Connection c, String site, String sku, String bin, String lot, Long quantity,
                                     List<String> serials) throws SQLException {
        SiteService.requireSite(c, site);
        Product product = ProductService.find(c, sku)
                .orElseThrow(() -> ProblemException.badField("sku", "no product with SKU " + sku));
        if (SiteService.findBin(c, site, bin).isEmpty()) {
            throw ProblemException.badField("bin", "site " + site + " has no bin " + bin);
        }
        if (product.tracking().serialized()) {
            absent(lot, "lot", product);
            if (serials == null || serials.isEmpty()) {
                throw ProblemException.badField("serials", "required for " + product.tracking() + " product " + sku);
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < serials.size(); i++) {
                String serial = serials.get(i);
                if (serial == null || serial.isBlank()) {
                    throw ProblemException.badField("serials[" + i + "]", "must not be blank");
                }
                if (!seen.add(serial)) {
                    throw ProblemException.badField("serials[" + i + "]", "serial " + serial + " is listed twice");
                }
            }
            if (quantity != null && quantity != serials.size()) {
                throw ProblemException.badField("quantity",
                        "must equal the number of serials (" + serials.size() + "), was " + quantity);
            }
            return new Movement(new QuantKey(site, bin, sku, QuantKey.NO_LOT), serials.size(), serials);
        }
        if (serials != null && !serials.isEmpty()) {
            throw ProblemException.badField("serials", product.tracking() + " product " + sku + " has no serials");
        }
        if (product.lotTracked()) {
            if (lot == null || lot.isBlank()) {
                throw ProblemException.badField("lot", "required for LOT product " + sku);
            }
        } else {
            absent(lot, "lot", product);
        }
        if (quantity == null || quantity <= 0) {
            throw ProblemException.badField("quantity", "must be greater than 0, was " + quantity);
        }
        return new Movement(new QuantKey(site, bin, sku, product.lotTracked() ? lot : QuantKey.NO_LOT), quantity, null);
    }

    private static void absent(String value, String field, Product product) {
        if (value != null && !value.isEmpty()) {
            throw ProblemException.badField(field, product.tracking() + " product " + product.sku() + " has no " + field);
        }
    }

    /**
     * Claims a client request id for this site and kind. A concurrent first call holds the row until
     * it commits, so the second one waits and then replays its answer.
     *
     * @return the first answer when the id was already used with the same request
     */
    private static Optional<StockMovement> claim(Connection c, String site, String kind, String requestId, Object request)
            throws SQLException {
        if (requestId == null) {
            return Optional.empty();
        }
        String body = new String(Json.write(request), StandardCharsets.UTF_8);
        try (PreparedStatement insert = c.prepareStatement("insert into stock_request (site_code, kind, request_id,"
                + " request) values (?, ?, ?, ?) on conflict do nothing")) {
            insert.setString(1, site);
            insert.setString(2, kind);
            insert.setString(3, requestId);
            insert.setString(4, body);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = c.prepareStatement("select request, response from stock_request"
                + " where site_code = ? and kind = ? and request_id = ?")) {
            select.setString(1, site);
            select.setString(2, kind);
            select.setString(3, requestId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(body)) {
                    throw ProblemException.conflict(kind + " " + requestId + " was already posted with other data");
                }
                return Optional.of(Json.read(rs.getString(2).getBytes(StandardCharsets.UTF_8), StockMovement.class));
            }
        }
    }

    private static StockMovement remember(Connection c, String site, String kind, String requestId,
                                          StockMovement answer) throws SQLException {
        if (requestId != null) {
            try (PreparedStatement update = c.prepareStatement("update stock_request set response = ?"
                    + " where site_code = ? and kind = ? and request_id = ?")) {
                update.setString(1, new String(Json.write(answer), StandardCharsets.UTF_8));
                update.setString(2, site);
                update.setString(3, kind);
                update.setString(4, requestId);
                update.executeUpdate();
            }
        }
        return answer;
    }

    /** Links each serial to the quant; a serial still linked to a quant (this one or another) is a conflict. */
    private static void link(Connection c, LockedQuant quant, List<String> serials) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement upsert = c.prepareStatement("insert into serialized_unit (sku, serial, quant_id, linked_at)"
                + " values (?, ?, ?, ?) on conflict (sku, serial) do update"
                + " set quant_id = excluded.quant_id, linked_at = excluded.linked_at"
                + " where serialized_unit.quant_id is null")) {
            for (int i = 0; i < serials.size(); i++) {
                upsert.setString(1, quant.key().sku());
                upsert.setString(2, serials.get(i));
                upsert.setLong(3, quant.id());
                upsert.setTimestamp(4, now);
                if (upsert.executeUpdate() == 0) {
                    throw new ProblemException(409, "Conflict", "serials[" + i + "]",
                            "serial " + serials.get(i) + " of " + quant.key().sku() + " is already in stock");
                }
            }
        }
    }

    private static void unlink(Connection c, LockedQuant quant, List<String> serials) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update serialized_unit set quant_id = null, linked_at = null"
                + " where sku = ? and serial = ? and quant_id = ?")) {
            for (int i = 0; i < serials.size(); i++) {
                update.setString(1, quant.key().sku());
                update.setString(2, serials.get(i));
                update.setLong(3, quant.id());
                if (update.executeUpdate() == 0) {
                    throw new ProblemException(409, "Conflict", "serials[" + i + "]",
                            "serial " + serials.get(i) + " is not in bin " + quant.key().binCode());
                }
            }
        }
    }
}
