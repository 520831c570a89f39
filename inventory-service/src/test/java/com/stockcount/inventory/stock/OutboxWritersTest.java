package com.stockcount.inventory.stock;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.EventHeaders;
import com.stockcount.contracts.QuantKey;
import com.stockcount.contracts.Topics;
import com.stockcount.contracts.inventory.v1.LedgerEntryRecorded;
import com.stockcount.inventory.Fixtures;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.kafka.EventRecords;
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
 * Inventory writes its outbox from several transactions at once (two request consumers, REST movements) with no
 * lock between writers of different quants, so a row with a smaller id can commit after the relay has published
 * larger ones. The relay deletes exactly the rows it published, so that row must still be published.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "inventory"))
class OutboxWritersTest {

    @Inject
    DataSource dataSource;

    @Inject
    Ledger ledger;

    @Test
    void aMovementCommittedAfterALaterOneIsStillPublished() throws Exception {
        String site = Fixtures.site();
        String sku = Fixtures.product("BULK");
        String firstQuant = Fixtures.receive(site, Fixtures.bin(site, "Sales floor"), sku, 5);
        String secondQuant = Fixtures.receive(site, Fixtures.bin(site, "Backstock"), sku, 5);
        QuantKey first = key(site, firstQuant, sku);
        QuantKey second = key(site, secondQuant, sku);
        CountDownLatch posted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Written> slow = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            Written written = receiveOne(first);
            posted.countDown();
            release.await(60, TimeUnit.SECONDS);
            return written;
        }));
        assertThat(posted.await(30, TimeUnit.SECONDS)).isTrue();
        // a movement on another quant, so no row lock between them: it commits while the first is still open
        Written fast = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> receiveOne(second))).get(30, TimeUnit.SECONDS);
        // the relay has published (and deleted) the later row before the earlier one committed
        published(fast.entryId());
        assertThat(slow).isNotDone();

        release.countDown();
        Written late = slow.get(30, TimeUnit.SECONDS);
        assertThat(late.outboxId()).isLessThan(fast.outboxId());
        assertThat(published(late.entryId()).quantityAfter()).isEqualTo(6);
        assertThat(quantity(site, firstQuant)).isEqualTo(6);
        assertThat(quantity(site, secondQuant)).isEqualTo(6);
    }

    /** The ids a transaction wrote: its ledger entry's and its outbox row's. */
    private record Written(long entryId, long outboxId) {
    }

    /** Posts one unit on the quant in the current transaction. */
    private Written receiveOne(QuantKey key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            LedgerEntry entry = ledger.post(c, ledger.lock(c, key).orElseThrow(), LedgerEntry.RECEIPT, null, 1, null);
            // this transaction's own row: its id was drawn last, and a row committed by another has a smaller one
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select max(id) from outbox")) {
                rs.next();
                return new Written(entry.id(), rs.getLong(1));
            }
        }
    }

    private static LedgerEntryRecorded published(long entryId) {
        return Json.read(Fixtures.awaitRecord(Topics.INVENTORY_LEDGER,
                r -> EventRecords.header(r, EventHeaders.EVENT_ID).orElse("").equals("ledger:" + entryId)).value(),
                LedgerEntryRecorded.class);
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
