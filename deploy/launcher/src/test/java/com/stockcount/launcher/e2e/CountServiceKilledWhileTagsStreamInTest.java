package com.stockcount.launcher.e2e;

import com.stockcount.launcher.Service;
import com.stockcount.launcher.ServiceProcess;
import java.time.Duration;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A portal streams an RFID count of a bin (4,500 distinct tags, most read several times, some of
 * unknown products, some undecodable) into scan-ingest, and count-service, the one applying the reads
 * to the session, is SIGKILLed at a random point (seeded, the seed printed; {@code -De2e.seed=} replays
 * it) while it works through them, then started again. The reads keep arriving on the topic meanwhile.
 * The session must end with each tag exactly once: nothing lost, nothing counted twice.
 */
class CountServiceKilledWhileTagsStreamInTest {

    @Test
    void theSessionHoldsEachTagOnce() throws Exception {
        long seed = Long.getLong("e2e.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.printf("CountServiceKilledWhileTagsStreamInTest seed %d (-De2e.seed=%d replays its reads and kill point)%n",
                seed, seed);

        // A bin of a dozen RFID products, a few units of each on the books; its HARD count is started and
        // the portal at the bin is bound to the session.
        RfidCount count = RfidCount.started(random);
        System.out.printf("%d bodies, %d distinct tags (%d of known products)%n", count.bodies(), count.distinctTags(),
                count.counted());

        // The portal sends its bodies, a few a second. count-service dies once it has counted a random
        // number of the tags, up to three quarters of them: within a poll, between polls, while more arrive.
        ServiceProcess countService = RunningStack.get().service(Service.COUNT);
        RfidCount.Stream stream = count.stream(Duration.ofMillis(150));
        long killAt = 1 + random.nextInt(count.counted() * 3 / 4);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> count.unitsCounted() >= killAt);
        countService.kill();
        int bodiesAtKill = stream.acknowledged();

        // It is started again and carries on from its committed offsets while the portal finishes.
        countService.start().awaitReady(Duration.ofMinutes(2));
        int resent = stream.awaitAll();
        System.out.printf("count-service killed once at least %d tags were counted, %d of %d bodies acknowledged; %d bodies resent%n",
                killAt, bodiesAtKill, count.bodies(), resent);

        // The session holds every tag once: each line the distinct EPCs of its product, the rest unmatched.
        count.assertTheSessionHoldsEachTagOnce();
    }
}
