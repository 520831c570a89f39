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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The serialized units of every quant of a site's scope (optionally one bin and/or one area), in one paged list, so
 * that a session snapshot of thousands of SERIAL/RFID quants reads its expected units in a few pages instead of one
 * call per quant. The scope is the one of the quant list (quants holding stock); the keyset is (quant id, serial),
 * which the index {@code serialized_unit_quant} serves.
 */
@ApplicationScoped
public class SiteUnits {

    @Inject
    DataSource dataSource;

    @Transactional(rollbackOn = SQLException.class)
    public Page<SiteUnit> units(String site, String bin, String area, String after, int limit) throws SQLException {
        Cursor from = Cursor.parse(after);
        try (Connection c = dataSource.getConnection()) {
            SiteService.requireSite(c, site);
            try (PreparedStatement select = c.prepareStatement("select u.quant_id, u.serial, p.tracking"
                    + " from quant q join bin b on b.site_code = q.site_code and b.code = q.bin_code"
                    + " join product p on p.sku = q.sku join serialized_unit u on u.quant_id = q.id"
                    + " where q.site_code = ? and q.quantity > 0 and (?::text is null or q.bin_code = ?)"
                    + " and (?::text is null or b.area = ?) and (u.quant_id, u.serial) > (?, ?)"
                    + " order by u.quant_id, u.serial limit ?")) {
                select.setString(1, site);
                select.setString(2, bin);
                select.setString(3, bin);
                select.setString(4, area);
                select.setString(5, area);
                select.setLong(6, from.quantId());
                select.setString(7, from.serial());
                select.setInt(8, limit + 1);
                List<SiteUnit> units = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String serial = rs.getString(2);
                        units.add(new SiteUnit(Long.toString(rs.getLong(1)), serial,
                                "RFID".equals(rs.getString(3)) ? serial : null));
                    }
                }
                return Pages.of(units, limit, u -> u.quantId() + ":" + u.serial());
            }
        }
    }

    /** {@code <quantId>:<serial>} of the last unit of the previous page; the quant id is a number, the serial anything. */
    private record Cursor(long quantId, String serial) {

        static Cursor parse(String after) {
            if (after == null || after.isEmpty()) {
                return new Cursor(0, "");
            }
            int colon = after.indexOf(':');
            try {
                return new Cursor(Long.parseLong(after.substring(0, colon)), after.substring(colon + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                throw ProblemException.badField("after", "not a cursor of this list: " + after);
            }
        }
    }
}
