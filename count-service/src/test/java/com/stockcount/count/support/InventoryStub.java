package com.stockcount.count.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stockcount.platform.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for inventory-service (a real HTTP server answering its JSON), since tests of this module
 * do not run the other service. Tests load it over HTTP ({@code PUT /_stub/sites/{site}} with the
 * quants as a JSON array), so it does not matter which class loader runs it. A site named
 * {@code BROKEN} answers 500 to quant queries.
 */
public class InventoryStub implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private final Map<String, List<JsonNode>> quantsBySite = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("stockcount.inventory.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String[] path = uri.getPath().substring(1).split("/");
            Map<String, String> query = query(uri.getRawQuery());
            if (path[0].equals("_stub") && exchange.getRequestMethod().equals("PUT")) {
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
                List<JsonNode> quants = new ArrayList<>();
                body.forEach(quants::add);
                quantsBySite.put(path[2], quants);
                respond(exchange, 204, null);
            } else if (path.length == 2 && path[0].equals("sites")) {
                respond(exchange, quantsBySite.containsKey(path[1]) ? 200 : 404, Json.mapper().createObjectNode().put("code", path[1]));
            } else if (path.length == 4 && path[2].equals("bins")) {
                boolean known = quantsBySite.getOrDefault(path[1], List.of()).stream()
                        .anyMatch(q -> q.get("bin").asText().equals(path[3]));
                respond(exchange, known ? 200 : 404, Json.mapper().createObjectNode().put("code", path[3]));
            } else if (path.length == 3 && path[2].equals("quants")) {
                if (path[1].equals("BROKEN")) {
                    respond(exchange, 500, null);
                    return;
                }
                quants(exchange, quantsBySite.getOrDefault(path[1], List.of()), query);
            } else if (path.length == 3 && path[2].equals("units")) {
                units(exchange, quantsBySite.getOrDefault(path[1], List.of()), query);
            } else if (path.length == 1 && path[0].equals("products")) {
                products(exchange, query);
            } else {
                respond(exchange, 404, null);
            }
        }
    }

    private static void quants(HttpExchange exchange, List<JsonNode> all, Map<String, String> query) throws IOException {
        String bin = query.get("bin");
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        int from = query.containsKey("after") ? Integer.parseInt(query.get("after")) : 0;
        String area = query.get("area");
        List<JsonNode> inScope = all.stream()
                .filter(q -> bin == null || q.get("bin").asText().equals(bin))
                .filter(q -> area == null || q.get("area").asText().equals(area))
                .toList();
        ObjectNode page = Json.mapper().createObjectNode();
        ArrayNode items = page.putArray("items");
        int to = Math.min(inScope.size(), from + limit);
        inScope.subList(Math.min(from, to), to).forEach(items::add);
        if (to < inScope.size()) {
            page.put("next", Integer.toString(to));
        } else {
            page.putNull("next");
        }
        respond(exchange, 200, page);
    }

    /** The units of the scope's serialized quants: each stub quant's {@code units} array of serials, one page. */
    private static void units(HttpExchange exchange, List<JsonNode> quants, Map<String, String> query) throws IOException {
        String bin = query.get("bin");
        String area = query.get("area");
        ObjectNode page = Json.mapper().createObjectNode();
        ArrayNode items = page.putArray("items");
        quants.stream().filter(q -> q.has("units"))
                .filter(q -> bin == null || q.get("bin").asText().equals(bin))
                .filter(q -> area == null || q.get("area").asText().equals(area))
                .forEach(q -> q.get("units").forEach(serial -> items.addObject().put("quantId", q.get("id").asText())
                        .put("serial", serial.asText())));
        page.putNull("next");
        respond(exchange, 200, page);
    }

    /** Products of every site's quants whose GTIN is {@code gtin}, or whose SKU or name contains {@code q}. */
    private void products(HttpExchange exchange, Map<String, String> query) throws IOException {
        String gtin = query.get("gtin");
        String q = query.get("q");
        Map<String, ObjectNode> bySku = new LinkedHashMap<>();
        quantsBySite.values().forEach(quants -> quants.forEach(quant -> {
            boolean gtinMatch = gtin != null && quant.get("gtins").toString().contains("\"" + gtin + "\"");
            boolean textMatch = q != null && !q.isEmpty() && (quant.get("sku").asText().contains(q)
                    || quant.get("name").asText().contains(q));
            if (gtinMatch || textMatch) {
                ObjectNode product = Json.mapper().createObjectNode();
                product.put("sku", quant.get("sku").asText());
                product.put("name", quant.get("name").asText());
                product.put("parent", quant.get("parent").asText());
                product.put("tracking", quant.get("tracking").asText());
                product.set("gtins", quant.get("gtins"));
                bySku.putIfAbsent(quant.get("sku").asText(), product);
            }
        }));
        ObjectNode page = Json.mapper().createObjectNode();
        page.putArray("items").addAll(bySku.values());
        page.putNull("next");
        respond(exchange, 200, page);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    /** Test-side helper: a quant as inventory answers it. */
    public static Map<String, Object> quant(String id, String sku, String bin, long quantity, String gtin) {
        Map<String, Object> quant = new LinkedHashMap<>();
        quant.put("id", id);
        quant.put("sku", sku);
        quant.put("name", "Product " + sku);
        quant.put("bin", bin);
        quant.put("area", "Backstock");
        quant.put("lot", "");
        quant.put("quantity", quantity);
        quant.put("tracking", "BULK");
        quant.put("gtins", List.of(gtin));
        quant.put("unitCost", 2.5);
        quant.put("parent", sku);
        return quant;
    }

}
