package com.stockcount.launcher;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A small demo store through inventory's public API: four bins, one product of each tracking type,
 * a few quants. Every call is idempotent (same body, same receipt id), so a second start changes nothing.
 */
public final class DemoSeed {

    public static final String SITE = "STORE-001";
    /** The bin the printed curl counts. */
    public static final String DISPLAY_BIN = "DS-01";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String inventoryUrl;

    public DemoSeed(String inventoryUrl) {
        this.inventoryUrl = inventoryUrl;
    }

    public void run() {
        post("/sites", "{\"code\":\"" + SITE + "\",\"name\":\"Demo store\"}");
        bin("BS-01", "Backstock");
        bin(DISPLAY_BIN, "Display");
        bin("DS-02", "Display");
        bin("RCV-01", "Receiving");

        product("TSHIRT-M-BLUE", "T-shirt M blue", "T-shirt", "036000291452", "BULK", "7.50");
        product("COFFEE-1KG", "Coffee beans 1 kg", "Coffee beans", "4006381333931", "LOT", "12.90");
        product("DRILL-18V", "Cordless drill 18V", "Cordless drill", "09506000134352", "SERIAL", "89.00");
        product("JEANS-32-INDIGO", "Jeans 32 indigo", "Jeans", "80614141123458", "RFID", "39.00");

        receipt("demo-1", "{\"sku\":\"TSHIRT-M-BLUE\",\"bin\":\"BS-01\",\"quantity\":40");
        receipt("demo-2", "{\"sku\":\"TSHIRT-M-BLUE\",\"bin\":\"" + DISPLAY_BIN + "\",\"quantity\":12");
        receipt("demo-3", "{\"sku\":\"COFFEE-1KG\",\"bin\":\"BS-01\",\"lot\":\"L2026-11\",\"quantity\":20");
        receipt("demo-4", "{\"sku\":\"COFFEE-1KG\",\"bin\":\"BS-01\",\"lot\":\"L2026-12\",\"quantity\":15");
        receipt("demo-5", "{\"sku\":\"DRILL-18V\",\"bin\":\"DS-02\",\"serials\":[\"DR-0001\",\"DR-0002\",\"DR-0003\"]");
        String epcs = IntStream.rangeClosed(1, 5)
                .mapToObj(serial -> "\"" + sgtin96(1, "0614141", "812345", serial) + "\"")
                .collect(Collectors.joining(","));
        receipt("demo-6", "{\"sku\":\"JEANS-32-INDIGO\",\"bin\":\"" + DISPLAY_BIN + "\",\"serials\":[" + epcs + "]");
    }

    private void bin(String code, String area) {
        post("/sites/" + SITE + "/bins", "{\"code\":\"" + code + "\",\"area\":\"" + area + "\"}");
    }

    private void product(String sku, String name, String parent, String gtin, String tracking, String unitCost) {
        post("/products", "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"parent\":\"" + parent
                + "\",\"gtins\":[\"" + gtin + "\"],\"tracking\":\"" + tracking + "\",\"unitCost\":" + unitCost + "}");
    }

    private void receipt(String receiptId, String openBody) {
        post("/sites/" + SITE + "/receipts", openBody + ",\"receiptId\":\"" + receiptId + "\"}");
    }

    private void post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(inventoryUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("demo seed: POST " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("demo seed: POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The hex EPC of an SGTIN-96 (GS1 Tag Data Standard): header 0x30, filter (1: point-of-sale item),
     * the partition for the company prefix length, company prefix, indicator + item reference, serial.
     */
    public static String sgtin96(int filter, String companyPrefix, String indicatorAndItemReference, long serial) {
        int[][] partitions = {{40, 4}, {37, 7}, {34, 10}, {30, 14}, {27, 17}, {24, 20}, {20, 24}}; // prefix bits, item bits
        int partition = 12 - companyPrefix.length();
        BigInteger epc = BigInteger.valueOf(0x30)
                .shiftLeft(3).or(BigInteger.valueOf(filter))
                .shiftLeft(3).or(BigInteger.valueOf(partition))
                .shiftLeft(partitions[partition][0]).or(new BigInteger(companyPrefix))
                .shiftLeft(partitions[partition][1]).or(new BigInteger(indicatorAndItemReference))
                .shiftLeft(38).or(BigInteger.valueOf(serial));
        return String.format("%024X", epc);
    }

    public static List<String> productSkus() {
        return List.of("TSHIRT-M-BLUE", "COFFEE-1KG", "DRILL-18V", "JEANS-32-INDIGO");
    }
}
