package com.stockcount.inventory.product;

import com.stockcount.inventory.Pages;
import com.stockcount.inventory.Upserted;
import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The product catalogue: idempotent creation, lookup by SKU, by any form of GTIN, or by SKU/parent prefix. */
@ApplicationScoped
public class ProductService {

    private static final String SELECT = "select p.sku, p.name, p.parent, p.tracking, p.unit_cost,"
            + " array(select g.gtin from product_gtin g where g.sku = p.sku order by g.gtin) from product p ";

    @Inject
    DataSource dataSource;

    /**
     * Creates the product, or finds the same one already there.
     *
     * @param gtins as given by the caller (any GTIN form); a bad one is a 400 naming {@code gtins[i]}
     */
    @Transactional(rollbackOn = SQLException.class)
    public Upserted<Product> create(String sku, String name, String parent, List<String> gtins, Tracking tracking,
                                    BigDecimal unitCost) throws SQLException {
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < gtins.size(); i++) {
            String given = gtins.get(i);
            int index = i;
            String gtin = Gtin.normalize(given).orElseThrow(() -> ProblemException.badField(
                    "gtins[" + index + "]",
                    "'" + given + "' is not a GTIN-8/12/13/14 with a valid GS1 check digit"));
            if (normalized.contains(gtin)) {
                throw ProblemException.badField("gtins[" + i + "]", "GTIN " + gtin + " is listed twice");
            }
            normalized.add(gtin);
        }
        if (unitCost.stripTrailingZeros().scale() > 4) {
            throw ProblemException.badField("unitCost", "at most 4 decimal places");
        }
        Product product = new Product(sku, name, parent, normalized, tracking, unitCost);
        try (Connection c = dataSource.getConnection()) {
            boolean created;
            try (PreparedStatement insert = c.prepareStatement("insert into product (sku, name, parent, tracking, unit_cost)"
                    + " values (?, ?, ?, ?, ?) on conflict (sku) do nothing")) {
                insert.setString(1, sku);
                insert.setString(2, name);
                insert.setString(3, parent);
                insert.setString(4, tracking.name());
                insert.setBigDecimal(5, unitCost);
                created = insert.executeUpdate() == 1;
            }
            if (!created) {
                Product existing = find(c, sku).orElseThrow();
                if (!existing.equals(product)) {
                    throw ProblemException.conflict("product " + sku + " exists with other data: " + existing);
                }
                return new Upserted<>(existing, false);
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into product_gtin (gtin, sku) values (?, ?) on conflict (gtin) do nothing")) {
                for (int i = 0; i < normalized.size(); i++) {
                    insert.setString(1, normalized.get(i));
                    insert.setString(2, sku);
                    if (insert.executeUpdate() == 0) {
                        String owner = ownerOf(c, normalized.get(i)).orElse("another product");
                        throw new ProblemException(409, "Conflict", "gtins[" + i + "]",
                                "GTIN " + normalized.get(i) + " already belongs to product " + owner);
                    }
                }
            }
            return new Upserted<>(product, true);
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public Product get(String sku) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, sku).orElseThrow(() -> ProblemException.notFound("product", sku));
        }
    }

    /** The product owning a GTIN given in any form; an invalid code simply owns nothing. */
    @Transactional(rollbackOn = SQLException.class)
    public Page<Product> byGtin(String code) throws SQLException {
        Optional<String> gtin = Gtin.normalize(code);
        if (gtin.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     SELECT + "where p.sku = (select sku from product_gtin where gtin = ?)")) {
            select.setString(1, gtin.get());
            return new Page<>(read(select), null);
        }
    }

    /** Products whose SKU or parent starts with {@code prefix} (all products when it is null), by SKU. */
    @Transactional(rollbackOn = SQLException.class)
    public Page<Product> search(String prefix, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(SELECT
                     + "where (?::text is null or p.sku like ? escape '\\' or p.parent like ? escape '\\')"
                     + " and p.sku > ? order by p.sku limit ?")) {
            String like = prefix == null ? null : escapeLike(prefix) + "%";
            select.setString(1, prefix);
            select.setString(2, like);
            select.setString(3, like);
            select.setString(4, after == null ? "" : after);
            select.setInt(5, limit + 1);
            return Pages.of(read(select), limit, Product::sku);
        }
    }

    public static Optional<Product> find(Connection c, String sku) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + "where p.sku = ?")) {
            select.setString(1, sku);
            return read(select).stream().findFirst();
        }
    }

    private static Optional<String> ownerOf(Connection c, String gtin) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select sku from product_gtin where gtin = ?")) {
            select.setString(1, gtin);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<Product> read(PreparedStatement select) throws SQLException {
        List<Product> products = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Array gtins = rs.getArray(6);
                products.add(new Product(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.asList((String[]) gtins.getArray()), Tracking.valueOf(rs.getString(4)),
                        rs.getBigDecimal(5)));
            }
        }
        return products;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
