package com.stockcount.launcher.e2e;

import static io.restassured.RestAssured.given;

import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.launcher.Service;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A store whose one bin holds 20 of each of {@value #PRODUCTS} BULK products, counted through count-service's
 * public API in one session: unlike {@link LargeCount}, whose result is published by the test, this session's
 * result leaves count-service's event store through its publisher, {@value #PRODUCTS} lines in 4 parts of 500
 * and then the {@code SessionCompleted}. The whole bin is counted in one hand-count request (one command), so
 * a 2,000-line session costs seconds, not the minutes 2,000 single-line requests take on a loaded CI machine.
 */
final class CountedBin {

    static final int PRODUCTS = 2_000;
    private static final String BIN = "AISLE-1";
    private static final long RECEIVED = 20;
    /** Sold from the bin after the associate counted it, before the session was completed. */
    private static final int SOLD_PRODUCTS = 10;
    private static final long SOLD = 2;

    final Store store;
    private final List<String> skus;
    private CountSession session;

    private CountedBin(Store store, List<String> skus) {
        this.store = store;
        this.skus = skus;
    }

    /**
     * Two stores stocked alike, each product created and received in its own request, four at a time (the
     * services take requests in parallel; one after the other, 8,000 requests take a minute at CI's load).
     */
    static List<CountedBin> twins() throws Exception {
        List<CountedBin> twins = new ArrayList<>();
        ExecutorService requests = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 2; t++) {
                Store store = Store.open(BIN, "Backstock");
                List<Future<String>> stocked = new ArrayList<>();
                for (int p = 0; p < PRODUCTS; p++) {
                    String name = "P%04d".formatted(p);
                    stocked.add(requests.submit(() -> {
                        String sku = store.bulkProduct(name, null);
                        store.receive(sku, BIN, RECEIVED);
                        return sku;
                    }));
                }
                List<String> skus = new ArrayList<>();
                for (Future<String> sku : stocked) {
                    skus.add(sku.get());
                }
                twins.add(new CountedBin(store, skus));
            }
        } finally {
            requests.shutdownNow();
        }
        return twins;
    }

    /** A HARD count of the bin is started and every line counted: 3 … 32, most of them not the 20 on the books. */
    void count() {
        session = CountSession.ofBin(store, BIN);
        session.startCounting();
        Map<String, Long> counted = new LinkedHashMap<>();
        for (int p = 0; p < skus.size(); p++) {
            counted.put(skus.get(p), counted(p));
        }
        session.handCount(counted);
    }

    /** The store keeps selling after the shelf was counted: the books must keep these sales. */
    void sellAfterTheCount() {
        skus.subList(0, SOLD_PRODUCTS).forEach(sku -> store.pick(sku, BIN, null, SOLD));
    }

    void complete() {
        session.complete();
    }

    String sessionId() {
        return session.id;
    }

    /** What count-service's session shows: COMPLETED once the completion was committed. */
    String sessionStatus() {
        return session.view().getString("status");
    }

    /** The records count-service publishes for the completion: the result parts and the SessionCompleted. */
    static int completionRecords() {
        return (PRODUCTS + SessionResultPart.MAX_LINES - 1) / SessionResultPart.MAX_LINES + 1;
    }

    private static long counted(int p) {
        return 3 + Math.floorMod(p * 7, 30);
    }

    /** What the shelf really holds once the count and the later sales are booked: quant → quantity. */
    Map<String, Long> truePhysicalStock() {
        Map<String, Long> stock = new TreeMap<>();
        for (int p = 0; p < skus.size(); p++) {
            stock.put(LargeCount.Books.quant(store, BIN, skus.get(p), ""), counted(p) - (p < SOLD_PRODUCTS ? SOLD : 0));
        }
        return stock;
    }

    LargeCount.Books books() {
        return LargeCount.Books.of(store);
    }

    /** How many count corrections inventory has posted for the store. */
    int correctionsPosted() {
        return store.ledger("stock_count").size();
    }

    /** reconciliation's report of the session once every adjustment it asked for is applied. */
    boolean reportedApplied() {
        return LargeCount.reportedApplied(session.id);
    }

    /** The report's summary (counted lines, variances, adjustments): the same for two stores counted alike. */
    Map<String, Object> reportSummary() {
        Response response = given().baseUri(RunningStack.url(Service.RECONCILIATION))
                .get("/sessions/" + session.id + "/reconciliation");
        return response.then().statusCode(200).extract().jsonPath().getMap("summary");
    }
}
