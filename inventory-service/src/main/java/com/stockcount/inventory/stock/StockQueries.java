package com.stockcount.inventory.stock;

import com.stockcount.inventory.Pages;
import com.stockcount.inventory.site.SiteService;
import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads of quants, units and the ledger. Every list is a keyset page ({@code id > after}), so
 * count-service can walk 100,000 quants at constant cost per page.
 */
@ApplicationScoped
public class StockQueries {

    private static final String QUANT = "select q.id, q.sku, p.name, q.bin_code, b.area, q.lot, q.quantity, p.tracking,"
            + " array(select g.gtin from product_gtin g where g.sku = q.sku order by g.gtin), p.unit_cost, p.parent"
            + " from quant q join product p on p.sku = q.sku"
            + " join bin b on b.site_code = q.site_code and b.code = q.bin_code ";

    private static final String LEDGER = "select id, quant_id, type, reason, sku, bin_code, lot, delta, quantity_after,"
            + " at, request_id, effective_at, count_id from ledger_entry ";

    @Inject
    DataSource dataSource;

    /** Quants holding stock (quantity &gt; 0), by id; each filter is optional. */
    @Transactional(rollbackOn = SQLException.class)
    public Page<QuantView> quants(String site, String bin, String area, String sku, String after, int limit)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SiteService.requireSite(c, site);
            try (PreparedStatement select = c.prepareStatement(QUANT + "where q.site_code = ? and q.quantity > 0"
                    + " and (?::text is null or q.bin_code = ?) and (?::text is null or b.area = ?)"
                    + " and (?::text is null or q.sku = ?) and q.id > ? order by q.id limit ?")) {
                select.setString(1, site);
                int next = optionalFilters(select, 2, bin, area, sku);
                select.setLong(next, cursor(after));
                select.setInt(next + 1, limit + 1);
                return Pages.of(readQuants(select), limit, QuantView::id);
            }
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public QuantView quant(String site, String quantId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SiteService.requireSite(c, site);
            return requireQuant(c, site, quantId);
        }
    }

    /** Serialized units linked to the quant, by serial. */
    @Transactional(rollbackOn = SQLException.class)
    public Page<UnitView> units(String site, String quantId, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SiteService.requireSite(c, site);
            QuantView quant = requireQuant(c, site, quantId);
            try (PreparedStatement select = c.prepareStatement("select serial, linked_at from serialized_unit"
                    + " where quant_id = ? and serial > ? order by serial limit ?")) {
                select.setLong(1, Long.parseLong(quant.id()));
                select.setString(2, after == null ? "" : after);
                select.setInt(3, limit + 1);
                List<UnitView> units = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        units.add(new UnitView(rs.getString(1), rs.getTimestamp(2).toInstant()));
                    }
                }
                return Pages.of(units, limit, UnitView::serial);
            }
        }
    }

    /** Ledger entries of the site, by id; each filter is optional. */
    @Transactional(rollbackOn = SQLException.class)
    public Page<LedgerEntry> ledger(String site, String reason, String type, String sku, String bin, String after,
                                    int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SiteService.requireSite(c, site);
            try (PreparedStatement select = c.prepareStatement(LEDGER + "where site_code = ?"
                    + " and (?::text is null or reason = ?) and (?::text is null or type = ?)"
                    + " and (?::text is null or sku = ?) and (?::text is null or bin_code = ?)"
                    + " and id > ? order by id limit ?")) {
                select.setString(1, site);
                int next = optionalFilters(select, 2, reason, type, sku, bin);
                select.setLong(next, cursor(after));
                select.setInt(next + 1, limit + 1);
                List<LedgerEntry> entries = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new LedgerEntry(rs.getLong(1), Long.toString(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                                rs.getLong(9), rs.getTimestamp(10).toInstant(), rs.getString(11),
                                rs.getTimestamp(12).toInstant(), rs.getString(13)));
                    }
                }
                return Pages.of(entries, limit, e -> Long.toString(e.id()));
            }
        }
    }

    /**
     * The quant's quantity at {@code at}: the sum of its ledger entries that took effect at or before it
     * (a movement posted late counts from when it happened, a count correction from the count moment).
     */
    @Transactional(rollbackOn = SQLException.class)
    public long quantityAt(String site, String quantId, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SiteService.requireSite(c, site);
            QuantView quant = requireQuant(c, site, quantId);
            return CountCorrections.quantityAtExcluding(c, Long.parseLong(quant.id()), at, null);
        }
    }

    public Optional<QuantView> view(Connection c, long quantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(QUANT + "where q.id = ?")) {
            select.setLong(1, quantId);
            return readQuants(select).stream().findFirst();
        }
    }

    private QuantView requireQuant(Connection c, String site, String quantId) throws SQLException {
        long id;
        try {
            id = Long.parseLong(quantId);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("quant", quantId);
        }
        try (PreparedStatement select = c.prepareStatement(QUANT + "where q.id = ? and q.site_code = ?")) {
            select.setLong(1, id);
            select.setString(2, site);
            return readQuants(select).stream().findFirst().orElseThrow(() -> ProblemException.notFound("quant", quantId));
        }
    }

    private static long cursor(String after) {
        if (after == null || after.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.badField("after", "not a cursor of this list: " + after);
        }
    }

    private static List<QuantView> readQuants(PreparedStatement select) throws SQLException {
        List<QuantView> quants = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                quants.add(new QuantView(Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                        Arrays.asList((String[]) rs.getArray(9).getArray()),
                        new java.math.BigDecimal(rs.getBigDecimal(10).stripTrailingZeros().toPlainString()),
                        rs.getString(11)));
            }
        }
        return quants;
    }

    /**
     * Binds filters written as {@code (?::text is null or column = ?)}: each value twice, from
     * {@code index} on, so an absent filter matches everything. Returns the next free index.
     */
    private static int optionalFilters(PreparedStatement select, int index, String... values) throws SQLException {
        for (String value : values) {
            select.setString(index++, value);
            select.setString(index++, value);
        }
        return index;
    }
}
