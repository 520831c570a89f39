package com.stockcount.launcher.e2e;

import com.stockcount.launcher.Service;
import com.stockcount.launcher.ServiceProcess;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * One large reconciliation goes through several SIGKILLs of the same services: reconciliation-service 2–3
 * times and inventory-service 2–3 times (seeded, the seed printed; {@code -De2e.seed=} replays the schedule and
 * the kill points), each restarted at once and killed again only once it answers ready, at a point of its own
 * work chosen by progress read from the databases every 10 ms:
 * <ol>
 *   <li>reconciliation as the session reaches it: right after the completion, or once it has recorded the
 *       adjustments (their requests on their way to inventory);</li>
 *   <li>inventory 2–3 times while it posts the corrections: once a seeded number more is posted, the targets
 *       sharing what the clean run posted short of all of them. inventory posts everything in a few seconds once
 *       it has the requests, less than a restart takes: so its kills come one after the other, each in the
 *       redelivery of the last;</li>
 *   <li>reconciliation again, 1–2 times, while it records the outcomes coming back, the same way.</li>
 * </ol>
 * A kill can land in the redelivery a restart makes after the last one. The books must still end exactly as
 * the clean twin's.
 */
class ReconciliationAndInventoryKilledRepeatedlyTest {

    @Test
    void theBooksEndExactlyAsAfterACleanRun() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("ReconciliationAndInventoryKilledRepeatedlyTest seed %d (-De2e.seed=%d replays its kill"
                + " schedule and points)%n", seed, seed);

        // Two stores alike, 2,000 lines counted in one session each (see LargeCount); the first reconciled cleanly.
        LargeCount.Twins twins = LargeCount.twinsOneReconciledCleanly();
        LargeCount faulty = twins.faulty();
        ServiceProcess reconciliation = RunningStack.get().service(Service.RECONCILIATION);
        ServiceProcess inventory = RunningStack.get().service(Service.INVENTORY);
        int reconciliationKills = 2 + random.nextInt(2);
        int inventoryKills = 2 + random.nextInt(2);
        int kills = reconciliationKills + inventoryKills;
        System.out.printf("reconciliation killed %d times, inventory %d times%n", reconciliationKills, inventoryKills);

        LargeCount.Progress at = twins.completeAndAwait(random.nextBoolean());
        reconciliation.kill();
        twins.printWhereItLanded("kill 1 of %d, reconciliation,".formatted(kills), faulty.progress());
        reconciliation.start();

        int k = 1;
        for (int i = 0; i < inventoryKills; i++) {
            inventory.awaitReady(Duration.ofMinutes(2));
            int target = nextTarget(random, at.posted(), twins.lastMidway(), inventoryKills - i);
            at = twins.awaitCorrectionsPosted(target);
            inventory.kill();
            at = faulty.progress();
            twins.printWhereItLanded("kill %d of %d, inventory, once %d corrections posted,".formatted(++k, kills,
                    target), at);
            inventory.start();
        }
        for (int r = 1; r < reconciliationKills; r++) {
            reconciliation.awaitReady(Duration.ofMinutes(2));
            int target = nextTarget(random, at.outcomes(), twins.lastMidwayOutcomes(), reconciliationKills - r);
            at = twins.awaitOutcomes(target);
            reconciliation.kill();
            at = faulty.progress();
            twins.printWhereItLanded("kill %d of %d, reconciliation, once %d outcomes back,".formatted(++k, kills,
                    target), at);
            reconciliation.start();
        }

        // Once both have caught up, the books are exactly the clean run's, and stay so.
        reconciliation.awaitReady(Duration.ofMinutes(2));
        inventory.awaitReady(Duration.ofMinutes(2));
        twins.assertTheFaultyBooksEndAsTheCleanOnes();
    }

    /**
     * A seeded target past {@code now}: its share of what is left up to {@code lastMidway} (the clean run's last
     * step short of the end), so that the kills still to come find work left too.
     */
    private static int nextTarget(Random random, int now, int lastMidway, int killsLeft) {
        return now + 1 + random.nextInt(Math.max(1, (lastMidway - now) / killsLeft));
    }
}
