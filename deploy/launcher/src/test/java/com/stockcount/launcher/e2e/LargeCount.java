package com.stockcount.launcher.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.launcher.Service;
import com.stockcount.launcher.Stack;
import com.stockcount.platform.kafka.EventRecords;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A store with a few thousand quants over many bins, all of them counted in one session. Two of
 * these, stocked, sold from and counted alike, must end with the same books: the one reconciled
 * cleanly says what the other, reconciled through crashes and outages, has to end with.
 *
 * <p>The session's result is published on {@code count.session.v1} exactly as count-service publishes
 * a completed session (parts of at most 500 lines, then {@code SessionCompleted}): typing thousands of
 * counted lines through count-service's REST API would take minutes on a CI machine, and the faults
 * under test are all downstream of count-service, in reconciliation and inventory.
 */
final class LargeCount {

    static final int BINS = 40;
    private static final int BULK_PRODUCTS = 40;
    private static final int LOT_PRODUCTS = 5;
    private static final List<String> LOTS = List.of("A", "B");
    /** The first bin is stocked before the count (20 of everything); the others are found by the count alone. */
    private static final String STOCKED_BIN = bin(0);
    private static final long RECEIVED = 20;
    /** Sold from the stocked bin after the associate counted it, before the session was completed. */
    private static final int SOLD_PRODUCTS = 10;
    private static final long SOLD = 2;

    final Store store;
    final String countId;
    final String sessionId;
    private final List<String> bulk = new ArrayList<>();
    private final List<String> lotted = new ArrayList<>();
    /** Cursor and size of the stock_count ledger as last followed. */
    private String lastCorrection;
    private int corrections;
    /** Kept open: {@link #progress()} is polled every 10 ms, and a new PostgreSQL connection costs a process. */
    private Connection inventoryDb;
    private Connection reconciliationDb;

    private LargeCount(Store store) {
        this.store = store;
        this.countId = "count-" + store.site;
        this.sessionId = "session-" + store.site;
    }

    /**
     * Two stores stocked alike, counted at the same moment, selling the same right after it. The first
     * is reconciled with nothing failing; its books, checked against the shelves' true stock, are what
     * the second (not completed yet) must end with, whatever fails while it is reconciled.
     */
    static Twins twinsOneReconciledCleanly() throws Exception {
        LargeCount clean = stocked();
        LargeCount faulty = stocked();
        Thread.sleep(5); // the count moment strictly after every receipt, the sales strictly after it
        Instant countedAt = Instant.now();
        Thread.sleep(5);
        clean.sellAfterTheCount();
        faulty.sellAfterTheCount();

        long started = System.nanoTime();
        clean.complete(countedAt);
        // followed every 10 ms: the steps in which corrections appear say where a fault can land mid-way
        TreeSet<Integer> postedSteps = new TreeSet<>();
        TreeSet<Integer> outcomeSteps = new TreeSet<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> {
            Progress progress = clean.progress();
            postedSteps.add(progress.posted());
            outcomeSteps.add(progress.outcomes());
            return progress.done();
        });
        clean.closeDatabases();
        long reconciledMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(clean::reportedApplied);
        Books books = clean.books();
        assertThat(books.quantities()).isEqualTo(clean.truePhysicalStock());
        int corrections = clean.correctionsPosted();
        assertThat(corrections).isGreaterThan(clean.lines() / 2).isEqualTo(books.perRequest().size());
        System.out.printf("clean run: %d lines, %d corrections, every outcome back in %d ms; corrections seen posted"
                + " (every 10 ms) %s, outcomes seen back %s%n", clean.lines(), corrections, reconciledMs, postedSteps,
                outcomeSteps);
        int lastMidway = Objects.requireNonNullElse(postedSteps.lower(corrections), 0);
        int lastMidwayOutcomes = Objects.requireNonNullElse(outcomeSteps.lower(corrections), 0);
        return new Twins(faulty, countedAt, books, corrections, lastMidway, lastMidwayOutcomes);
    }

    /** How far a count's reconciliation has got: requests sent to inventory, corrections it posted, outcomes back. */
    record Progress(int requested, int posted, int outcomes) {

        /** Every adjustment requested has its outcome back: nothing of the session is in flight any more. */
        boolean done() {
            return requested > 0 && outcomes == requested;
        }

        String stage(int corrections) {
            if (requested == 0) {
                return "before reconciliation had recorded the adjustments";
            }
            if (posted == 0) {
                return "adjustments recorded, their requests on their way, no correction posted yet";
            }
            if (posted < corrections) {
                return "while corrections were being posted";
            }
            return done() ? "AFTER the reconciliation had finished (this run tested little)"
                    : "every correction posted, outcomes still on their way back";
        }

        @Override
        public String toString() {
            return "%d adjustments requested, %d corrections posted, %d outcomes back".formatted(requested, posted,
                    outcomes);
        }
    }

    /**
     * Counted in the services' databases: a few milliseconds, where following the ledger through REST takes
     * longer than inventory needs for a whole batch, so that a fault could only land after it.
     */
    Progress progress() throws SQLException {
        try {
            if (inventoryDb == null) {
                inventoryDb = connect(Service.INVENTORY);
                reconciliationDb = connect(Service.RECONCILIATION);
            }
            try (PreparedStatement posted = inventoryDb.prepareStatement(
                         "select count(*) from ledger_entry where site_code = ? and reason = ?");
                 PreparedStatement adjustments = reconciliationDb.prepareStatement("select count(*),"
                         + " count(*) filter (where status <> 'PENDING') from count_adjustment where count_id = ?")) {
                posted.setString(1, store.site);
                posted.setString(2, AdjustmentRequested.REASON_STOCK_COUNT);
                adjustments.setString(1, countId);
                try (ResultSet p = posted.executeQuery(); ResultSet a = adjustments.executeQuery()) {
                    p.next();
                    a.next();
                    return new Progress(a.getInt(1), p.getInt(1), a.getInt(2));
                }
            }
        } catch (SQLException e) {
            // the server was restarted under the test: connect again at the next call
            closeDatabases();
            throw e;
        }
    }

    private void closeDatabases() {
        for (Connection c : new Connection[] {inventoryDb, reconciliationDb}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException ignored) {
                // already broken: nothing to release
            }
        }
        inventoryDb = null;
        reconciliationDb = null;
    }

    private static Connection connect(Service service) throws SQLException {
        Stack stack = RunningStack.get();
        return DriverManager.getConnection(stack.jdbcUrlOf(service), stack.config().postgresUser(),
                stack.config().postgresPassword());
    }

    /**
     * @param faulty      the store still to complete, through faults
     * @param countedAt   when both stores were counted
     * @param clean       the books of the store reconciled cleanly
     * @param corrections how many count corrections the clean run posted
     * @param lastMidway  the most corrections the clean run was seen to have posted short of all of them
     * @param lastMidwayOutcomes the most outcomes the clean run was seen to have back short of all of them
     */
    record Twins(LargeCount faulty, Instant countedAt, Books clean, int corrections, int lastMidway,
                 int lastMidwayOutcomes) {

        /**
         * Completes the faulty store's session and returns at a random point where its reconciliation is
         * still in flight (one of three, seeded): right after the completion is acknowledged (reconciliation
         * has not taken the session in yet: 2,000 lines take it far longer than this), as soon as
         * reconciliation has recorded its adjustments (their requests in its outbox, on their way to
         * inventory), or once inventory has posted a random number of corrections, 1 up to the most the
         * clean run showed short of all (inventory posts a partition's batch in one transaction, so a target
         * beyond that would be crossed only by the last batch, when every correction is posted). Progress is
         * read from the databases every 10 ms.
         */
        Progress completeAndAwaitARandomPoint(Random random) throws Exception {
            int point = random.nextInt(3);
            if (point < 2) {
                return completeAndAwait(point == 1);
            }
            int target = 1 + random.nextInt(Math.max(1, lastMidway));
            System.out.printf("fault point: once %d corrections are posted%n", target);
            complete();
            return awaitCorrectionsPosted(target);
        }

        /**
         * Completes the faulty store's session and returns right after the completion is acknowledged, or
         * ({@code recorded}) once reconciliation has recorded the adjustments.
         */
        Progress completeAndAwait(boolean recorded) throws Exception {
            System.out.println(recorded ? "fault point: once reconciliation has recorded the adjustments"
                    : "fault point: right after the completion was acknowledged");
            complete();
            return recorded ? awaitProgress(progress -> progress.requested() > 0) : faulty.progress();
        }

        private void complete() throws Exception {
            faulty.progress(); // connected to the databases before the completion: the first read is then quick
            faulty.complete(countedAt);
        }

        /** Returns once inventory has posted at least {@code atLeast} corrections, or has done everything. */
        Progress awaitCorrectionsPosted(int atLeast) {
            return awaitProgress(progress -> progress.posted() >= atLeast || progress.done());
        }

        /** Returns once reconciliation has recorded at least {@code atLeast} outcomes, or has done everything. */
        Progress awaitOutcomes(int atLeast) {
            return awaitProgress(progress -> progress.outcomes() >= atLeast || progress.done());
        }

        private Progress awaitProgress(Predicate<Progress> reached) {
            Progress[] last = new Progress[1];
            // a reconciliation that stops short (work lost) fails here, saying where it stopped
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                    .untilAsserted(() -> {
                        last[0] = faulty.progress();
                        assertThat(reached.test(last[0])).as("the reconciliation got to the point awaited; it is at: %s",
                                last[0]).isTrue();
                    });
            return last[0];
        }

        /** Says where a fault landed: while the work was in flight, or (rare, tests little) after all of it. */
        void printWhereItLanded(String fault, Progress progress) {
            System.out.printf("%s with %s, of %d: %s%n", fault, progress, corrections, progress.stage(corrections));
        }

        /**
         * Once everything has caught up, the faulty store's books are exactly the clean one's and stay so
         * (held a few seconds: a correction posted twice would still be on its way), and no adjustment
         * request was applied twice.
         */
        void assertTheFaultyBooksEndAsTheCleanOnes() {
            long started = System.nanoTime();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(faulty.reportedApplied()).isTrue();
                faulty.books().assertSameAs(clean);
            });
            System.out.printf("after the faults, caught up in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> faulty.correctionsPosted() == corrections);
            Books after = faulty.books();
            after.assertSameAs(clean);
            assertThat(after.perRequest()).hasSize(corrections)
                    .allSatisfy((request, entries) -> assertThat(entries).as(request).isEqualTo(1));
            faulty.closeDatabases();
        }
    }

    /** A store with {@link #BINS} bins and 45 products, 20 of each (per lot) received into the first bin. */
    private static LargeCount stocked() {
        LargeCount count = new LargeCount(Store.open(STOCKED_BIN, "Backstock"));
        for (int b = 1; b < BINS; b++) {
            count.store.bin(bin(b), "Sales floor");
        }
        for (int p = 0; p < BULK_PRODUCTS; p++) {
            String sku = count.store.bulkProduct("P%02d".formatted(p), null);
            count.bulk.add(sku);
            count.store.receive(sku, STOCKED_BIN, RECEIVED);
        }
        for (int p = 0; p < LOT_PRODUCTS; p++) {
            String sku = count.store.lotProduct("L%02d".formatted(p));
            count.lotted.add(sku);
            LOTS.forEach(lot -> count.store.receive(sku, STOCKED_BIN, lot, RECEIVED));
        }
        return count;
    }

    int lines() {
        return BINS * (BULK_PRODUCTS + LOT_PRODUCTS * LOTS.size());
    }

    /** The store keeps selling after the shelf was counted: the books must keep these sales. */
    void sellAfterTheCount() {
        bulk.subList(0, SOLD_PRODUCTS).forEach(sku -> store.pick(sku, STOCKED_BIN, null, SOLD));
    }

    /** Completes the session: every quant counted at {@code countedAt}, never below what is sold after. */
    void complete(Instant countedAt) throws Exception {
        List<CountedLine> counted = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            for (int p = 0; p < BULK_PRODUCTS; p++) {
                counted.add(line(b, bulk.get(p), "", countedAt));
            }
            for (String sku : lotted) {
                for (String lot : LOTS) {
                    counted.add(line(b, sku, lot, countedAt));
                }
            }
        }
        int parts = (counted.size() + SessionResultPart.MAX_LINES - 1) / SessionResultPart.MAX_LINES;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", RunningStack.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < parts; p++) {
                SessionResultPart part = new SessionResultPart(sessionId, countId, 1, p, parts, counted.subList(
                        p * SessionResultPart.MAX_LINES, Math.min(counted.size(), (p + 1) * SessionResultPart.MAX_LINES)));
                producer.send(EventRecords.event(Topics.COUNT_SESSION, sessionId, part.eventId(), SessionResultPart.TYPE,
                        SessionResultPart.VERSION, countedAt, null, part));
            }
            SessionCompleted completed = new SessionCompleted(sessionId, countId, store.site, "Full count", "HARD", 1,
                    Instant.now(), "manager-of-" + store.site, counted.size(), parts, 0, 0);
            producer.send(EventRecords.event(Topics.COUNT_SESSION, sessionId, completed.eventId(), SessionCompleted.TYPE,
                    SessionCompleted.VERSION, completed.completedAt(), null, completed)).get(30, TimeUnit.SECONDS);
        }
    }

    private CountedLine line(int b, String sku, String lot, Instant countedAt) {
        long system = b == 0 ? RECEIVED : 0;
        return new CountedLine(bin(b) + "/" + sku + "/" + lot, null, sku, bin(b), lot, lot.isEmpty() ? "BULK" : "LOT",
                system, counted(b, sku, lot), countedAt, Store.UNIT_COST);
    }

    /** 3 … 32, spread so that most lines have a variance; at least what is sold after the count. */
    private long counted(int b, String sku, String lot) {
        return 3 + Math.floorMod(b * 7 + product(sku).hashCode() * 3 + lot.hashCode() * 5, 30);
    }

    /** What the shelves really hold once the count and the later sales are booked: (bin/product/lot) → quantity. */
    Map<String, Long> truePhysicalStock() {
        Map<String, Long> stock = new TreeMap<>();
        for (int b = 0; b < BINS; b++) {
            for (String sku : bulk) {
                long sold = b == 0 && bulk.indexOf(sku) < SOLD_PRODUCTS ? SOLD : 0;
                stock.put(quant(bin(b), sku, ""), counted(b, sku, "") - sold);
            }
            for (String sku : lotted) {
                for (String lot : LOTS) {
                    stock.put(quant(bin(b), sku, lot), counted(b, sku, lot));
                }
            }
        }
        return stock;
    }

    /** The store's books as inventory shows them. */
    Books books() {
        return Books.of(store);
    }

    /** How many count corrections inventory has posted so far (reads only what is new since the last call). */
    int correctionsPosted() {
        List<Map<String, Object>> added = store.ledgerAfter("stock_count", lastCorrection);
        if (!added.isEmpty()) {
            lastCorrection = String.valueOf(added.get(added.size() - 1).get("id"));
            corrections += added.size();
        }
        return corrections;
    }

    /** reconciliation's report of the session once it exists: every adjustment it asked for applied. */
    boolean reportedApplied() {
        return reportedApplied(sessionId);
    }

    static boolean reportedApplied(String sessionId) {
        Response response = given().baseUri(RunningStack.url(Service.RECONCILIATION))
                .get("/sessions/" + sessionId + "/reconciliation");
        if (response.statusCode() != 200) {
            return false;
        }
        JsonPath report = response.jsonPath();
        return "APPLIED".equals(report.getString("status"))
                && report.getLong("summary.adjustmentsRequested") == report.getLong("summary.adjustmentsApplied");
    }

    private String quant(String bin, String sku, String lot) {
        return Books.quant(store, bin, sku, lot);
    }

    private String product(String sku) {
        return Books.product(store, sku);
    }

    private static String bin(int b) {
        return "B%02d".formatted(b);
    }

    /**
     * @param quantities  (bin/product/lot) → quantity of every quant with stock
     * @param ledger      the ledger as a multiset: "type reason bin/product/lot delta" → how many such entries
     * @param perRequest  adjustment request id → ledger entries posted for it
     */
    record Books(Map<String, Long> quantities, Map<String, Long> ledger, Map<String, Long> perRequest) {

        /** A store's books as inventory shows them, with the store's own SKU prefix left out so two stores compare. */
        static Books of(Store store) {
            Map<String, Long> quantities = new TreeMap<>();
            for (Map<String, Object> q : store.quants()) {
                quantities.put(quant(store, (String) q.get("bin"), (String) q.get("sku"), (String) q.get("lot")),
                        ((Number) q.get("quantity")).longValue());
            }
            List<Map<String, Object>> ledger = store.ledger();
            Map<String, Long> entries = ledger.stream().collect(Collectors.groupingBy(
                    e -> e.get("type") + " " + e.get("reason") + " " + quant(store, (String) e.get("bin"),
                            (String) e.get("sku"), (String) e.get("lot")) + " " + e.get("delta"),
                    TreeMap::new, Collectors.counting()));
            Map<String, Long> perRequest = ledger.stream().filter(e -> e.get("requestId") != null)
                    .collect(Collectors.groupingBy(e -> (String) e.get("requestId"), TreeMap::new, Collectors.counting()));
            return new Books(quantities, entries, perRequest);
        }

        static String quant(Store store, String bin, String sku, String lot) {
            return bin + "/" + product(store, sku) + "/" + (lot == null ? "" : lot);
        }

        static String product(Store store, String sku) {
            return sku.substring(store.site.length() + 1);
        }

        /** Same quantity in every quant, same ledger entries as many times each. */
        void assertSameAs(Books clean) {
            assertThat(quantities).containsExactlyInAnyOrderEntriesOf(clean.quantities);
            assertThat(ledger).containsExactlyInAnyOrderEntriesOf(clean.ledger);
        }
    }
}
