package com.stockcount.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.stockcount.launcher.Service;
import com.stockcount.launcher.ServiceProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * reconciliation-service dies (SIGKILL: no shutdown hook, nothing flushed) while it turns a
 * completed session into adjustments, and is started again. Every adjustment must reach the
 * ledger exactly once: none lost, none twice.
 */
class ReconciliationKilledMidwayTest {

    private static final String BIN = "AISLE-9";
    private static final int PRODUCTS = 600;

    @Test
    void noAdjustmentIsLostOrPostedTwiceWhenReconciliationIsKilledWhileItWorks() throws Exception {
        // A bin with 600 products, 20 of each on the books.
        Store store = Store.open(BIN, "Backstock");
        List<String> skus = IntStream.range(0, PRODUCTS).mapToObj(i -> store.bulkProduct("ITEM" + i, null)).toList();
        skus.forEach(sku -> store.receive(sku, BIN, 20));

        // Every line is counted, each with its own variance (-10 … +9), none of them zero; so completing the
        // session asks for 600 adjustments, more than one outbox batch and more than one result part.
        CountSession session = CountSession.ofBin(store, BIN);
        session.startCounting();
        Map<String, String> lineOf = session.lineIdsBySku();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            long counted = 20 + (i % 20) - 10 + (i % 20 >= 10 ? 1 : 0);
            expected.put(skus.get(i), counted);
            session.count(lineOf.get(skus.get(i)), counted);
        }
        assertThat(expected.values()).doesNotContain(20L);

        // Submit. As soon as reconciliation has taken the session in (its report exists, the 600 requests
        // are in its outbox and on their way to inventory), kill it within the next 100 ms.
        ServiceProcess reconciliation = RunningStack.get().service(Service.RECONCILIATION);
        session.complete();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> given().baseUri(reconciliation.url())
                        .get("/sessions/" + session.id + "/reconciliation").statusCode() == 200);
        Thread.sleep(ThreadLocalRandom.current().nextLong(0, 100));
        reconciliation.kill();
        int postedBeforeTheCrash = store.ledger("stock_count").size();

        // It comes back and carries on from where its durable state says it was.
        reconciliation.start().awaitReady(Duration.ofSeconds(120));

        // The books match the count, and the ledger holds exactly one correction per line.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(store.quantities(BIN)).containsExactlyInAnyOrderEntriesOf(expected));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                .until(() -> store.ledger("stock_count").size() == PRODUCTS);
        List<Map<String, Object>> corrections = store.ledger("stock_count");
        Map<Object, Long> entriesPerRequest = corrections.stream()
                .collect(Collectors.groupingBy(e -> e.get("requestId"), Collectors.counting()));
        assertThat(entriesPerRequest).hasSize(PRODUCTS).allSatisfy((request, entries) -> assertThat(entries).isEqualTo(1));
        System.out.printf("reconciliation killed after %d of %d corrections were posted%n", postedBeforeTheCrash, PRODUCTS);
    }
}
