package com.stockcount.platform.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Rehearses a service's hot path before it takes traffic, so that the first minutes after a start are not spent
 * compiling it. Measured on the 2-core machine (docs/rfid.md, round 9): in the first 4 s of a 20,000 tags/s portal
 * stream into a just-started system the p99 latency to the session view was 1.0–2.1 s against 0.2 s once warm, and
 * count-service and scan-ingest spent half again and twice the CPU per tag they spend later, on the same two cores as
 * the stream: the JIT compiling the parse, decide and write paths while they ran.
 *
 * <p>A rehearsal is a round function that runs the real code on synthetic input and leaves no trace (no record
 * published, nothing committed); it returns how many units (tags, observations) it rehearsed. Rounds repeat until
 * the JIT has settled, that is until {@value #SETTLED_ROUNDS} rounds in a row spent less than
 * {@value #SETTLED_SHARE_PERCENT} % of their time compiling, or until the time budget is spent. While any
 * rehearsal runs, readiness ({@link WarmUpHealthCheck}) is down, so a load balancer or the launcher waits for it.
 * A rehearsal that fails is logged and abandoned: the service then starts cold, as it did before, never not at all.
 */
@ApplicationScoped
public class WarmUps {

    private static final Logger LOG = Logger.getLogger(WarmUps.class);
    static final int SETTLED_ROUNDS = 2;
    static final int SETTLED_SHARE_PERCENT = 5;
    private static final int MIN_ROUNDS = 3;

    /** What a finished rehearsal did, for the log and the readiness data. */
    public record Report(String name, int rounds, long units, Duration took, long lastRoundJitMillis, boolean settled,
                         String failure) {

        @Override
        public String toString() {
            if (failure != null) {
                return "failed after " + rounds + " rounds (" + failure + "); starting cold";
            }
            if (rounds == 0) {
                return "off";
            }
            return String.format("%s after %d rounds, %,d units in %.1f s; JIT %d ms in the last round", settled ? "settled"
                    : "stopped at its budget", rounds, units, took.toMillis() / 1000.0, lastRoundJitMillis);
        }
    }

    /** One round of a rehearsal: runs the hot path on synthetic input, returns the units rehearsed. */
    @FunctionalInterface
    public interface Round {
        long run(int round) throws Exception;
    }

    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final Map<String, Report> finished = new ConcurrentHashMap<>();

    /**
     * Marks a rehearsal as due before its thread starts, so readiness is down from the service's start and not only
     * once the rehearsal is under way.
     */
    public void expect(String name) {
        running.putIfAbsent(name, "waiting to start");
    }

    /**
     * Runs rounds of {@code round} on the calling thread until the JIT settles or {@code budget} is spent.
     * {@code budget} zero (or negative) skips the rehearsal.
     */
    public Report rehearse(String name, Duration budget, Round round) {
        return rehearse(name, budget, round, System::nanoTime, jitMillis());
    }

    Report rehearse(String name, Duration budget, Round round, LongSupplier nanoTime, LongSupplier jitMillis) {
        if (budget.isZero() || budget.isNegative()) {
            Report skipped = new Report(name, 0, 0, Duration.ZERO, 0, false, null);
            finished.put(name, skipped);
            running.remove(name);
            return skipped;
        }
        running.put(name, "rehearsing");
        long start = nanoTime.getAsLong();
        long deadline = start + budget.toNanos();
        int rounds = 0;
        int quiet = 0;
        long units = 0;
        long lastJit = 0;
        Report report;
        try {
            while (true) {
                long roundStart = nanoTime.getAsLong();
                long jitBefore = jitMillis.getAsLong();
                units += round.run(rounds);
                rounds++;
                long roundMillis = Math.max(1, (nanoTime.getAsLong() - roundStart) / 1_000_000);
                lastJit = Math.max(0, jitMillis.getAsLong() - jitBefore);
                // the JIT's time is summed over its compiler threads, so on two cores it can exceed the round's wall time
                quiet = lastJit * 100 < SETTLED_SHARE_PERCENT * roundMillis ? quiet + 1 : 0;
                running.put(name, String.format("round %d, %,d units, JIT %d ms of the last %d ms", rounds, units, lastJit,
                        roundMillis));
                boolean settled = rounds >= MIN_ROUNDS && quiet >= SETTLED_ROUNDS;
                if (settled || nanoTime.getAsLong() >= deadline) {
                    report = new Report(name, rounds, units, Duration.ofNanos(nanoTime.getAsLong() - start), lastJit, settled, null);
                    break;
                }
            }
            LOG.infof("warm-up %s: %s", name, report);
        } catch (Exception | LinkageError e) {
            report = new Report(name, rounds, units, Duration.ofNanos(nanoTime.getAsLong() - start), lastJit, false,
                    String.valueOf(e));
            LOG.warnf(e, "warm-up %s failed; the service starts cold", name);
        } finally {
            running.remove(name);
        }
        finished.put(name, report);
        return report;
    }

    /** Rehearsals running now, with their progress. */
    public Map<String, String> running() {
        return Map.copyOf(running);
    }

    /** Rehearsals finished (or skipped), by name. */
    public Map<String, Report> finished() {
        return Map.copyOf(finished);
    }

    /** Milliseconds the JIT has spent compiling so far; 0 throughout when the JVM does not tell (then rounds look settled). */
    private static LongSupplier jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return () -> 0;
        }
        return jit::getTotalCompilationTime;
    }
}
