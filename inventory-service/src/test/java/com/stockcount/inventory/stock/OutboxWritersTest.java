package com.stockcount.inventory.stock;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.QuantKey;
import com.stockcount.inventory.Fixtures;
import com.stockcount.testsupport.RealInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay publishes the rows it reads and then deletes every row up to the last id it published. With
 * several writers at once (two request consumers, REST movements), a row with a smaller id that commits after the
 * relay read would be deleted unpublished, unless ids are drawn in commit order: that is what this checks.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class OutboxWritersTest {

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Test
    void aSecondWriterDrawsItsOutboxIdsOnlyAfterTheFirstHasCommitted() throws Exception {
        String site = Fixtures.site();
        String sku = Fixtures.product("BULK");
        String firstQuant = Fixtures.receive(site, Fixtures.bin(site, "Sales floor"), sku, 5);
        String secondQuant = Fixtures.receive(site, Fixtures.bin(site, "Backstock"), sku, 5);
        QuantKey first = key(site, firstQuant, sku);
        QuantKey second = key(site, secondQuant, sku);
        CountDownLatch posted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            long id = receiveOne(first);
            posted.countDown();
            release.await(30, TimeUnit.SECONDS);
            return id;
        }));
        assertThat(posted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> fast = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> receiveOne(second)));

        // a movement on another quant, so no row lock between them: only the outbox makes the second one wait
        Thread.sleep(1_000);
        assertThat(fast).isNotDone();
        release.countDown();
        long slowId = slow.get(30, TimeUnit.SECONDS);
        assertThat(fast.get(30, TimeUnit.SECONDS)).isGreaterThan(slowId);
        assertThat(quantity(site, firstQuant)).isEqualTo(6);
        assertThat(quantity(site, secondQuant)).isEqualTo(6);
    }

    /** Posts one unit on the quant in the current transaction; returns the largest outbox id this transaction sees. */
    private long receiveOne(QuantKey key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ledger.post(c, ledger.lock(c, key).orElseThrow(), LedgerEntry.RECEIPT, null, 1, null);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select max(id) from outbox")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static QuantKey key(String site, String quantId, String sku) {
        return new QuantKey(site, when().get("/sites/" + site + "/quants/" + quantId).then().extract().path("bin"), sku,
                "");
    }

    private static long quantity(String site, String quantId) {
        return when().get("/sites/" + site + "/quants/" + quantId).then().statusCode(200).extract()
                .<Integer>path("quantity");
    }
}
