package com.stockcount.inventory.site;

import com.stockcount.inventory.Pages;
import com.stockcount.inventory.Upserted;
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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sites and their bins. Creation is idempotent (the demo seeding runs on every launch): the same
 * data again is a no-op, different data under an existing code is a conflict.
 */
@ApplicationScoped
public class SiteService {

    @Inject
    DataSource dataSource;

    @Transactional(rollbackOn = SQLException.class)
    public Upserted<Site> create(Site site) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean created;
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into site (code, name) values (?, ?) on conflict (code) do nothing")) {
                insert.setString(1, site.code());
                insert.setString(2, site.name());
                created = insert.executeUpdate() == 1;
            }
            if (created) {
                return new Upserted<>(site, true);
            }
            Site existing = find(c, site.code()).orElseThrow();
            if (!existing.equals(site)) {
                throw ProblemException.conflict("site " + site.code() + " exists with other data: " + existing);
            }
            return new Upserted<>(existing, false);
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public Site get(String code) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, code).orElseThrow(() -> ProblemException.notFound("site", code));
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public Page<Site> list(String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select code, name from site where code > ? order by code limit ?")) {
            select.setString(1, after == null ? "" : after);
            select.setInt(2, limit + 1);
            List<Site> sites = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sites.add(new Site(rs.getString(1), rs.getString(2)));
                }
            }
            return Pages.of(sites, limit, Site::code);
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public Upserted<Bin> createBin(Bin bin) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            requireSite(c, bin.site());
            boolean created;
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into bin (site_code, code, area) values (?, ?, ?) on conflict (site_code, code) do nothing")) {
                insert.setString(1, bin.site());
                insert.setString(2, bin.code());
                insert.setString(3, bin.area());
                created = insert.executeUpdate() == 1;
            }
            if (created) {
                return new Upserted<>(bin, true);
            }
            Bin existing = findBin(c, bin.site(), bin.code()).orElseThrow();
            if (!existing.equals(bin)) {
                throw ProblemException.conflict("bin " + bin.code() + " of site " + bin.site()
                        + " exists with other data: area " + existing.area());
            }
            return new Upserted<>(existing, false);
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public Bin getBin(String site, String code) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            requireSite(c, site);
            return findBin(c, site, code).orElseThrow(() -> ProblemException.notFound("bin", code));
        }
    }

    @Transactional(rollbackOn = SQLException.class)
    public Page<Bin> listBins(String site, String area, String after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            requireSite(c, site);
            try (PreparedStatement select = c.prepareStatement(
                    "select code, area from bin where site_code = ? and (?::text is null or area = ?) and code > ?"
                            + " order by code limit ?")) {
                select.setString(1, site);
                select.setString(2, area);
                select.setString(3, area);
                select.setString(4, after == null ? "" : after);
                select.setInt(5, limit + 1);
                List<Bin> bins = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        bins.add(new Bin(site, rs.getString(1), rs.getString(2)));
                    }
                }
                return Pages.of(bins, limit, Bin::code);
            }
        }
    }

    /** 404 unless the site exists; for every resource under {@code /sites/{site}}. */
    public static void requireSite(Connection c, String site) throws SQLException {
        if (find(c, site).isEmpty()) {
            throw ProblemException.notFound("site", site);
        }
    }

    public static Optional<Site> find(Connection c, String code) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select code, name from site where code = ?")) {
            select.setString(1, code);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Site(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public static Optional<Bin> findBin(Connection c, String site, String code) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "select area from bin where site_code = ? and code = ?")) {
            select.setString(1, site);
            select.setString(2, code);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Bin(site, code, rs.getString(1))) : Optional.empty();
            }
        }
    }
}
