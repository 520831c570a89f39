package com.stockcount.launcher.e2e;

import com.stockcount.launcher.Service;
import com.stockcount.launcher.ServiceProcess;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A large session is being reconciled when reconciliation-service is SIGKILLed, and then, while it
 * comes back, inventory-service, the one applying the adjustments: both at random points (seeded,
 * the seed is printed; {@code -De2e.seed=} replays a run). A twin store, stocked, sold from and
 * counted alike, reconciled without faults, says what the books must be: the same quantities per
 * bin, product and lot, the same ledger entries, and no adjustment request applied twice.
 */
class ReconciliationThenInventoryKilledTest {

    @Test
    void theBooksEndExactlyAsAfterACleanRun() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("ReconciliationThenInventoryKilledTest seed %d (-De2e.seed=%d replays its kill points)%n",
                seed, seed);

        // Two stores alike: 40 bins × 50 quants counted in one session, 20 of everything on the books in
        // the first bin; both counted at the same moment, both selling the same right after the count. The
        // first is reconciled with nothing failing.
        LargeCount.Twins twins = LargeCount.twinsOneReconciledCleanly();
        LargeCount faulty = twins.faulty();
        int corrections = twins.corrections();

        // The second is completed, and reconciliation dies at a random point of its work (see
        // completeAndAwaitARandomPoint): before it took the session in, once its requests are on their way,
        // or once inventory has applied some of them.
        ServiceProcess reconciliation = RunningStack.get().service(Service.RECONCILIATION);
        ServiceProcess inventory = RunningStack.get().service(Service.INVENTORY);
        twins.completeAndAwaitARandomPoint(random);
        reconciliation.kill();
        LargeCount.Progress atFirstKill = faulty.progress();
        twins.printWhereItLanded("reconciliation killed", atFirstKill);

        // It is started again, and while it comes back and carries on, inventory dies too: if reconciliation
        // had not recorded its adjustments, once a random number of them is posted after its restart (short of
        // the last batch, as the first fault); otherwise at once, while inventory applies the requests already
        // sent (it does not need reconciliation for that; waiting for reconciliation's 30-50 s restart would
        // let it finish first).
        reconciliation.start();
        if (atFirstKill.requested() == 0) {
            twins.awaitCorrectionsPosted(1 + random.nextInt(Math.max(1, twins.lastMidway())));
        }
        inventory.kill();
        twins.printWhereItLanded("inventory killed", faulty.progress());
        reconciliation.awaitReady(Duration.ofMinutes(2));
        inventory.start().awaitReady(Duration.ofMinutes(2));

        // Once both have caught up, the books are exactly the clean run's, and stay so.
        twins.assertTheFaultyBooksEndAsTheCleanOnes();
    }
}
