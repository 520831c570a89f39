package com.stockcount.count.infrastructure.inventory;

import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one synchronous call of count-service: inventory's sites, bins and quants, read when a
 * session is created. Quants are read page by page (1,000 at a time), so 100,000 quants work.
 */
@ApplicationScoped
public class InventoryClient {

    static final int PAGE = 1000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "stockcount.inventory.url")
    String baseUrl;

    record Quant(String id, String sku, String name, String bin, String area, String lot, Long quantity,
                 String tracking, List<String> gtins, BigDecimal unitCost, String parent) {
    }

    record QuantPage(List<Quant> items, String next) {
    }

    public void requireSite(String site) {
        if (get("/sites/" + encode(site)).statusCode() == 404) {
            throw ProblemException.badField("site", "site " + site + " does not exist in inventory");
        }
    }

    public void requireBin(String site, String bin) {
        if (get("/sites/" + encode(site) + "/bins/" + encode(bin)).statusCode() == 404) {
            throw ProblemException.badField("bin", "bin " + bin + " does not exist at site " + site);
        }
    }

    /** Every quant of the site, narrowed to one bin and/or one area when those are not null, in inventory's order. */
    public List<QuantSnapshot> quants(String site, String bin, String area) {
        List<Quant> all = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/sites/" + encode(site) + "/quants?limit=" + PAGE + scope(bin, area, cursor);
            HttpResponse<byte[]> response = get(path);
            if (response.statusCode() != 200) {
                throw unavailable("answered " + response.statusCode() + " to " + path);
            }
            QuantPage page = Json.read(response.body(), QuantPage.class);
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        boolean serialized = all.stream().anyMatch(q -> "SERIAL".equals(q.tracking()) || "RFID".equals(q.tracking()));
        Map<String, List<String>> units = serialized ? units(site, bin, area) : Map.of();
        List<QuantSnapshot> snapshots = new ArrayList<>(all.size());
        for (Quant q : all) {
            snapshots.add(new QuantSnapshot(q.id(), q.sku(), q.name(), q.bin(), q.area(), q.lot(), q.tracking(),
                    q.gtins(), q.unitCost(), q.quantity() == null ? 0 : q.quantity(), q.parent(),
                    units.getOrDefault(q.id(), List.of())));
        }
        return snapshots;
    }

    /** A product as inventory lists it. */
    public record Product(String sku, String name, String parent, String tracking, List<String> gtins) {
    }

    record ProductPage(List<Product> items, String next) {
    }

    /** Products whose GTIN is {@code gtin} (when not null), then those whose SKU or name match {@code q}; first page each. */
    public List<Product> products(String gtin, String q) {
        List<Product> found = new ArrayList<>();
        if (gtin != null) {
            found.addAll(productPage("/products?limit=20&gtin=" + encode(gtin)));
        }
        for (Product p : productPage("/products?limit=20&q=" + encode(q))) {
            if (found.stream().noneMatch(f -> f.sku().equals(p.sku()))) {
                found.add(p);
            }
        }
        return found;
    }

    private List<Product> productPage(String path) {
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() != 200) {
            throw unavailable("answered " + response.statusCode() + " to " + path);
        }
        return Json.read(response.body(), ProductPage.class).items();
    }

    record Unit(String quantId, String serial) {
    }

    record UnitPage(List<Unit> items, String next) {
    }

    /**
     * Serials (or EPCs) of the units linked to the SERIAL/RFID quants of the scope, by quant id: what the shelves are
     * expected to hold. One paged list for the whole scope, not one call per quant.
     */
    private Map<String, List<String>> units(String site, String bin, String area) {
        Map<String, List<String>> byQuant = new HashMap<>();
        String cursor = null;
        do {
            String path = "/sites/" + encode(site) + "/units?limit=" + PAGE + scope(bin, area, cursor);
            HttpResponse<byte[]> response = get(path);
            if (response.statusCode() != 200) {
                throw unavailable("answered " + response.statusCode() + " to " + path);
            }
            UnitPage page = Json.read(response.body(), UnitPage.class);
            page.items().forEach(u -> byQuant.computeIfAbsent(u.quantId(), id -> new ArrayList<>()).add(u.serial()));
            cursor = page.next();
        } while (cursor != null);
        return byQuant;
    }

    /** The optional {@code bin}, {@code area} and {@code after} query parameters of a scope's paged list. */
    private static String scope(String bin, String area, String cursor) {
        StringBuilder query = new StringBuilder();
        if (bin != null) {
            query.append("&bin=").append(encode(bin));
        }
        if (area != null) {
            query.append("&area=").append(encode(area));
        }
        if (cursor != null) {
            query.append("&after=").append(encode(cursor));
        }
        return query.toString();
    }

    private HttpResponse<byte[]> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500) {
                throw unavailable("answered " + response.statusCode() + " to " + path);
            }
            return response;
        } catch (IOException e) {
            throw unavailable("is unreachable at " + baseUrl + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("call was interrupted");
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(503, "Service Unavailable", "inventory-service " + why);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
