package com.stockcount.launcher.e2e;

import com.stockcount.launcher.Service;
import com.stockcount.launcher.ServiceProcess;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A portal streams an RFID count of a bin (4,500 distinct tags, most read several times, some of
 * unknown products, some undecodable) into scan-ingest, which is SIGKILLed mid-stream at a random point
 * (seeded, the seed printed; {@code -De2e.seed=} replays it) and started again. The portal sends again
 * every body that did not get its 202, as a reader does; the restarted scan-ingest has forgotten which
 * tags it had seen, so it publishes some of them again. The session must still hold each tag once.
 */
class ScanIngestKilledMidStreamTest {

    @Test
    void theSessionHoldsEachTagOnce() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("ScanIngestKilledMidStreamTest seed %d (-De2e.seed=%d replays its reads and kill point)%n",
                seed, seed);

        // A bin of a dozen RFID products, a few units of each on the books; its HARD count is started and
        // the portal at the bin is bound to the session.
        RfidCount count = RfidCount.started(random);
        System.out.printf("%d bodies, %d distinct tags (%d of known products)%n", count.bodies(), count.distinctTags(),
                count.counted());

        // The portal sends its bodies, a few a second; scan-ingest dies after a random number of them were
        // acknowledged, within the next 150 ms: while it takes a body in, or between two.
        ServiceProcess scanIngest = RunningStack.get().service(Service.SCAN_INGEST);
        RfidCount.Stream stream = count.stream(Duration.ofMillis(100));
        int killAfter = 1 + random.nextInt(count.bodies() - 2);
        stream.awaitAcknowledged(killAfter);
        Thread.sleep(random.nextInt(150));
        scanIngest.kill();
        int bodiesAtKill = stream.acknowledged();

        // It is started again; the portal keeps resending what was not acknowledged until it is.
        scanIngest.start().awaitReady(Duration.ofMinutes(2));
        int resent = stream.awaitAll();
        System.out.printf("scan-ingest killed after %d of %d bodies were acknowledged; %d sends failed and were repeated%n",
                bodiesAtKill, count.bodies(), resent);

        // The session holds every tag once: each line the distinct EPCs of its product, the rest unmatched.
        count.assertTheSessionHoldsEachTagOnce();
    }
}
