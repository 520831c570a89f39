package com.stockcount.launcher.e2e;

import com.stockcount.testsupport.EmbeddedKafka;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops while a large session is being reconciled (at a random point, seeded, the
 * seed printed; {@code -De2e.seed=} replays a run) and comes back a few seconds later, with every
 * service still running. A twin store reconciled without faults says what the books must be: the
 * same quantities per bin, product and lot, the same ledger entries, no request applied twice.
 */
class BrokerRestartedWhileReconcilingTest {

    @Test
    void theBooksEndExactlyAsAfterACleanRun() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("BrokerRestartedWhileReconcilingTest seed %d (-De2e.seed=%d replays its outage)%n", seed, seed);

        // Two stores alike: 40 bins × 50 quants counted in one session, 20 of everything on the books in
        // the first bin; both counted at the same moment, both selling the same right after the count. The
        // first is reconciled with nothing failing.
        LargeCount.Twins twins = LargeCount.twinsOneReconciledCleanly();
        LargeCount faulty = twins.faulty();

        // The second is completed, and the broker goes away at a random point of the reconciliation (see
        // completeAndAwaitARandomPoint): before it took the session in, once its requests are on their way,
        // or once inventory has applied some of them. It stays away for a few seconds, long enough for every
        // consumer, producer and outbox relay to fail, then comes back on the same port with its data.
        EmbeddedKafka broker = RunningStack.get().embeddedKafka().orElseThrow();
        twins.completeAndAwaitARandomPoint(random);
        LargeCount.Progress atRestart;
        try {
            broker.stop();
            twins.printWhereItLanded("broker stopped", faulty.progress());
            Thread.sleep(3_000 + random.nextInt(5_000));
            atRestart = faulty.progress();
        } finally {
            broker.start();
        }
        System.out.printf("broker restarted with %s%n", atRestart);

        // Once everything has caught up, the books are exactly the clean run's, and stay so.
        twins.assertTheFaultyBooksEndAsTheCleanOnes();
    }
}
