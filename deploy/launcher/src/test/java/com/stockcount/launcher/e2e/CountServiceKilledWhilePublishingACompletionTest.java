package com.stockcount.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.stockcount.contracts.Topics;
import com.stockcount.launcher.Service;
import com.stockcount.launcher.ServiceProcess;
import com.stockcount.platform.kafka.EventRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * count-service is SIGKILLed while it publishes a large session's completion (the 4 result parts and the
 * {@code SessionCompleted} going from its event store to {@code count.session.v1}), once a seeded random number
 * of them, 1 up to all but one, is on the topic (read as they arrive, every 10 ms at most), and is started
 * again. Its publisher carries on from its stored token, so it publishes again what it had not recorded as
 * published, under the same event ids. A twin store counted alike and completed with nothing failing says what
 * the books and the reconciliation report must be; the seed is printed and {@code -De2e.seed=} replays the
 * kill point.
 */
class CountServiceKilledWhilePublishingACompletionTest {

    @Test
    void reconciliationTakesEachPartOnceAndTheBooksEndAsAfterACleanRun() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("CountServiceKilledWhilePublishingACompletionTest seed %d (-De2e.seed=%d replays its kill"
                + " point)%n", seed, seed);

        // Two stores alike, one bin of 2,000 products, 20 of each; both counted through count-service (every line,
        // 3 … 32), both selling the same right after the count. The first is completed with nothing failing.
        List<CountedBin> twins = CountedBin.twins();
        CountedBin clean = twins.get(0);
        CountedBin faulty = twins.get(1);
        clean.count();
        faulty.count();
        clean.sellAfterTheCount();
        faulty.sellAfterTheCount();
        clean.complete();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(clean::reportedApplied);
        LargeCount.Books cleanBooks = clean.books();
        assertThat(cleanBooks.quantities()).isEqualTo(clean.truePhysicalStock());
        int corrections = clean.correctionsPosted();
        assertThat(corrections).isGreaterThan(CountedBin.PRODUCTS / 2).isEqualTo(cleanBooks.perRequest().size());
        Map<String, Object> cleanSummary = clean.reportSummary();

        // The second is completed, and count-service dies once `target` of its completion's records are on the
        // topic: the completion is committed in the event store, the publisher is part-way through it.
        int records = CountedBin.completionRecords();
        int target = 1 + random.nextInt(records - 1);
        ServiceProcess countService = RunningStack.get().service(Service.COUNT);
        try (Topic.Follower published = Topic.follow(Topics.COUNT_SESSION, faulty.sessionId())) {
            // the request is answered after the commit, the publisher may start before: followed meanwhile
            CompletableFuture<Void> completion = CompletableFuture.runAsync(faulty::complete);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (published.poll(Duration.ofMillis(10)) < target) {
                assertThat(System.nanoTime()).as("%d records of the completion published", target).isLessThan(deadline);
            }
            countService.kill();
            try {
                completion.join();
            } catch (CompletionException e) {
                // killed before it answered: the completion was committed all the same (its records were published)
                System.out.println("the completion request was cut by the kill: " + e.getCause());
            }
        }
        int landed = distinctEventIds(faulty.sessionId()).size();
        System.out.printf("count-service killed with %d of %d records of the completion on the topic (target %d): %s%n",
                landed, records, target, landed < records ? "while it published them"
                        : "AFTER all were published (only the republishing of the last was tested)");

        // It is started again; its publisher resumes from its token.
        countService.start().awaitReady(Duration.ofMinutes(2));
        assertThat(faulty.sessionStatus()).isEqualTo("COMPLETED");

        // Reconciliation took each part once in effect: the books, the ledger and the report are the clean twin's,
        // and stay so (a part taken twice would still be on its way), with one ledger entry per request.
        long restarted = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(faulty.reportedApplied()).as("the session's reconciliation reported APPLIED").isTrue();
            faulty.books().assertSameAs(cleanBooks);
        });
        System.out.printf("after the restart, the books as the clean twin's in %d ms%n",
                Duration.ofNanos(System.nanoTime() - restarted).toMillis());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> faulty.correctionsPosted() == corrections);
        LargeCount.Books after = faulty.books();
        after.assertSameAs(cleanBooks);
        assertThat(after.perRequest()).hasSize(corrections)
                .allSatisfy((request, entries) -> assertThat(entries).as(request).isEqualTo(1));
        assertThat(faulty.reportSummary()).isEqualTo(cleanSummary);

        // What count-service published again carries the ids it had before: the topic holds the completion's
        // records under exactly as many ids as the clean twin's.
        Map<String, Long> ids = distinctEventIds(faulty.sessionId());
        assertThat(ids).hasSize(distinctEventIds(clean.sessionId()).size()).hasSize(records);
        long republished = ids.values().stream().mapToLong(Long::longValue).sum() - records;
        System.out.printf("%d records of the completion published again after the restart, under their ids%n",
                republished);
    }

    /** Event id → how many records carry it, for one session's records on count.session.v1. */
    private static Map<String, Long> distinctEventIds(String sessionId) {
        return Topic.recordsWithKey(Topics.COUNT_SESSION, sessionId).stream()
                .map(EventRecords::eventId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
