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

        // The second is completed, and reconciliation dies: either while it takes the session in, or once
        // inventory has applied some of its requests.
        ServiceProcess reconciliation = RunningStack.get().service(Service.RECONCILIATION);
        ServiceProcess inventory = RunningStack.get().service(Service.INVENTORY);
        twins.completeAndAwaitARandomPoint(random);
        reconciliation.kill();
        int atFirstKill = faulty.correctionsPosted();

        // It is started again, and while it comes back and carries on, inventory dies too.
        reconciliation.start();
        int atSecondKill = atFirstKill + random.nextInt(Math.max(1, corrections - atFirstKill));
        twins.awaitCorrectionsPosted(atSecondKill);
        inventory.kill();
        reconciliation.awaitReady(Duration.ofMinutes(2));
        inventory.start().awaitReady(Duration.ofMinutes(2));
        System.out.printf("reconciliation killed after %d, inventory once %d of %d corrections were posted%n",
                atFirstKill, atSecondKill, corrections);

        // Once both have caught up, the books are exactly the clean run's, and stay so.
        twins.assertTheFaultyBooksEndAsTheCleanOnes();
    }
}
