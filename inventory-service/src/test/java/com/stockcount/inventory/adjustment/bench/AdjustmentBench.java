package com.stockcount.inventory.adjustment.bench;

import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.inventory.v1.AdjustmentRequestBatch;
import com.stockcount.contracts.inventory.v1.AdjustmentRequested;
import com.stockcount.inventory.Fixtures;
import com.stockcount.inventory.adjustment.AdjustmentService;
import com.stockcount.inventory.adjustment.CountInstruction;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Inventory's side of a large first count, alone: {@code AdjustmentService.applyInOrder} on batched COUNT requests
 * for bins that hold no quant yet, polls of {@value #BATCHES_PER_POLL} batch records of 500 as the consumer gets
 * them, against the real embedded PostgreSQL (the relay publishes beside it, as in production). Prints the time,
 * the rows written per table and the ratio to a raw baseline measured in the same run (one insert of as many
 * 4-column rows). Not a test (no *Test name, surefire leaves it out); run by hand:
 * {@code ./mvnw -B -o test -pl inventory-service -Dtest=AdjustmentBench -Dbench.requests=20000}.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class AdjustmentBench {

    private static final int BATCHES_PER_POLL = 4;

    @Inject
    DataSource dataSource;

    @Inject
    AdjustmentService adjustments;

    @Test
    void firstCount() throws Exception {
        int requests = Integer.getInteger("bench.requests", 20_000);
        run(2_000, "warm-up");
        long raw = rawBaseline(requests);
        Map<String, Long> before = rows();
        long nanos = run(requests, "first count");
        Map<String, Long> after = rows();
        System.out.printf("BENCH requests=%d applyInOrder %.2f s (%.0f/s), raw baseline %.3f s, ratio %.1f%n",
                requests, nanos / 1e9, requests / (nanos / 1e9), raw / 1e9, (double) nanos / raw);
        after.forEach((table, n) -> System.out.printf("BENCH rows written: %s %d%n", table, n - before.get(table)));
    }

    /** Applies {@code n} COUNT requests, one per new bin, in batches of 500, {@value #BATCHES_PER_POLL} to a call. */
    private long run(int n, String what) throws SQLException {
        String site = Fixtures.site();
        String sku = Fixtures.product("BULK");
        List<String> bins = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bins.add("B" + i);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into bin (site_code, code, area) select ?, b, 'Bench' from unnest(?::text[]) as t(b)")) {
            insert.setString(1, site);
            insert.setArray(2, c.createArrayOf("text", bins.toArray()));
            insert.executeUpdate();
        }
        String countId = "count-" + UUID.randomUUID();
        Instant countedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<CountInstruction> polls = new ArrayList<>();
        long total = 0;
        for (int from = 0; from < n; from += AdjustmentRequestBatch.MAX_REQUESTS) {
            List<AdjustmentRequested> batch = new ArrayList<>();
            for (String bin : bins.subList(from, Math.min(n, from + AdjustmentRequestBatch.MAX_REQUESTS))) {
                batch.add(new AdjustmentRequested(UUID.randomUUID().toString(), new QuantKey(site, bin, sku, ""), 0,
                        AdjustmentRequested.REASON_STOCK_COUNT, 3, countedAt, "session-bench", countId, "line", 1,
                        countedAt, AdjustmentRequested.KIND_COUNT, 1));
            }
            polls.add(new CountInstruction.AdjustBatch(new AdjustmentRequestBatch("adjustment-batch:"
                    + batch.get(0).requestId(), batch)));
            if (polls.size() == BATCHES_PER_POLL || from + AdjustmentRequestBatch.MAX_REQUESTS >= n) {
                long start = System.nanoTime();
                adjustments.applyInOrder(polls);
                total += System.nanoTime() - start;
                polls = new ArrayList<>();
            }
        }
        System.out.printf("BENCH %s: %d requests in %.2f s%n", what, n, total / 1e9);
        return total;
    }

    /** One insert of {@code n} rows of four columns over arrays: what writing that many rows costs at least. */
    private long rawBaseline(int n) throws SQLException {
        Long[] ids = new Long[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (long) i;
            texts[i] = UUID.randomUUID().toString();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create temp table if not exists bench_raw (id bigint primary key, a text, b text, n bigint)");
            s.execute("truncate bench_raw");
            try (PreparedStatement insert = c.prepareStatement("insert into bench_raw"
                    + " select * from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[])")) {
                insert.setArray(1, c.createArrayOf("bigint", ids));
                insert.setArray(2, c.createArrayOf("text", texts));
                insert.setArray(3, c.createArrayOf("text", texts));
                insert.setArray(4, c.createArrayOf("bigint", ids));
                long start = System.nanoTime();
                insert.executeUpdate();
                return System.nanoTime() - start;
            }
        }
    }

    /** Rows ever written per table (sequences for the tables the relay empties, counts for the others). */
    private Map<String, Long> rows() throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String query : List.of(
                    "processed_event:select count(*) from processed_event where consumer = 'adjustment-request'",
                    "outbox:select last_value from outbox_id_seq",
                    "ledger_entry:select last_value from ledger_entry_id_seq",
                    "quant:select count(*) from quant",
                    "count_anchor:select count(*) from count_anchor")) {
                int colon = query.indexOf(':');
                try (ResultSet rs = s.executeQuery(query.substring(colon + 1))) {
                    rs.next();
                    rows.put(query.substring(0, colon), rs.getLong(1));
                }
            }
        }
        return rows;
    }
}
