package com.stockcount.launcher.e2e;

import com.stockcount.launcher.Service;
import com.stockcount.testsupport.EmbeddedPostgresServer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one PostgreSQL server of the stack (every service's database) stops while a large session is being
 * reconciled (at a random point, seeded, the seed printed; {@code -De2e.seed=} replays a run) and comes
 * back a few seconds later on the same port with the same data, every service still running. A twin
 * store reconciled without faults says what the books must be: the same quantities per bin, product and
 * lot, the same ledger entries, no request applied twice.
 */
class PostgresRestartedWhileReconcilingTest {

    @Test
    void theBooksEndExactlyAsAfterACleanRun() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("PostgresRestartedWhileReconcilingTest seed %d (-De2e.seed=%d replays its outage)%n", seed, seed);

        // Two stores alike: 40 bins × 50 quants counted in one session, 20 of everything on the books in
        // the first bin; both counted at the same moment, both selling the same right after the count. The
        // first is reconciled with nothing failing.
        LargeCount.Twins twins = LargeCount.twinsOneReconciledCleanly();
        LargeCount faulty = twins.faulty();

        // The second is completed, and the database goes away at a random point of the reconciliation (see
        // completeAndAwaitARandomPoint): before it took the session in, once its requests are on their way,
        // or once inventory has applied some of them. Open transactions are cut and rolled back; for a few
        // seconds every consumer, outbox relay and REST call that needs it fails. Then it comes back on the
        // same port with its data.
        EmbeddedPostgresServer postgres = RunningStack.get().embeddedPostgres().orElseThrow();
        LargeCount.Progress atStop = twins.completeAndAwaitARandomPoint(random);
        try {
            postgres.stop();
            // read just before the stop (after it there is no database to read): at most 10 ms stale
            twins.printWhereItLanded("PostgreSQL stopped", atStop);
            Thread.sleep(3_000 + random.nextInt(5_000));
        } finally {
            postgres.start();
        }

        // Every service is ready again (its database check passes: its pool reconnected) ...
        for (Service service : Service.values()) {
            RunningStack.get().service(service).awaitReady(Duration.ofMinutes(2));
        }
        // ... and once everything has caught up, the books are exactly the clean run's, and stay so.
        twins.assertTheFaultyBooksEndAsTheCleanOnes();
    }
}
