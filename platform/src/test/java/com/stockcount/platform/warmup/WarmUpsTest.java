package com.stockcount.platform.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Rounds run until the JIT settles or the budget is spent; a failing rehearsal never stops the service starting. */
class WarmUpsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicLong jit = new AtomicLong();
    private final WarmUps warmUps = new WarmUps();

    @Test
    void rounds_repeat_until_two_rounds_in_a_row_spend_under_five_percent_compiling() {
        // each round takes 100 ms; the JIT spends 80, 40, 3, 20, 4, 2 ms in rounds 1..6: settles after round 6
        long[] jitPerRound = {80, 40, 3, 20, 4, 2, 1, 1};
        WarmUps.Report report = warmUps.rehearse("path", Duration.ofSeconds(30), round -> {
            assertThat(warmUps.running()).containsKey("path");
            now.addAndGet(100_000_000);
            jit.addAndGet(jitPerRound[round]);
            return 1_000;
        }, now::get, jit::get);

        assertThat(report.settled()).isTrue();
        assertThat(report.rounds()).isEqualTo(6);
        assertThat(report.units()).isEqualTo(6_000);
        assertThat(report.lastRoundJitMillis()).isEqualTo(2);
        assertThat(warmUps.running()).isEmpty();
        assertThat(warmUps.finished()).containsEntry("path", report);
        assertThat(report.toString()).startsWith("settled after 6 rounds, 6,000 units");
    }

    @Test
    void at_least_three_rounds_even_when_the_first_ones_look_quiet() {
        WarmUps.Report report = warmUps.rehearse("path", Duration.ofSeconds(30), round -> {
            now.addAndGet(100_000_000);
            return 1;
        }, now::get, jit::get);

        assertThat(report.rounds()).isEqualTo(3);
        assertThat(report.settled()).isTrue();
    }

    @Test
    void stops_at_its_budget_when_the_jit_keeps_compiling() {
        WarmUps.Report report = warmUps.rehearse("path", Duration.ofSeconds(1), round -> {
            now.addAndGet(300_000_000);
            jit.addAndGet(100);
            return 10;
        }, now::get, jit::get);

        assertThat(report.settled()).isFalse();
        assertThat(report.rounds()).isEqualTo(4);
        assertThat(report.toString()).startsWith("stopped at its budget after 4 rounds");
    }

    @Test
    void a_failing_rehearsal_is_reported_and_readiness_no_longer_waits_for_it() {
        warmUps.expect("path");
        assertThat(warmUps.running()).containsEntry("path", "waiting to start");

        WarmUps.Report report = warmUps.rehearse("path", Duration.ofSeconds(30), round -> {
            throw new IllegalStateException("database unreachable");
        }, now::get, jit::get);

        assertThat(report.failure()).contains("database unreachable");
        assertThat(report.toString()).contains("starting cold");
        assertThat(warmUps.running()).isEmpty();
    }

    @Test
    void a_zero_budget_skips_the_rehearsal() {
        warmUps.expect("path");
        WarmUps.Report report = warmUps.rehearse("path", Duration.ZERO, round -> {
            throw new AssertionError("must not run");
        }, now::get, jit::get);

        assertThat(report.rounds()).isZero();
        assertThat(report.toString()).isEqualTo("off");
        assertThat(warmUps.running()).isEmpty();
    }
}
