package com.stockcount.platform.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTextTest {

    @Test
    void writesWhatInstantToStringWritesAtTheEdgesOfEachField() {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000001Z", "2000-02-29T23:59:59.999Z",
                "2024-12-31T23:59:59.999999Z", "2025-03-01T09:00:00.120Z", "2100-03-01T00:00:00.000100Z",
                "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(IsoInstants.text(instant)).as(text).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesWhatInstantToStringWritesForAMillionInstantsOfAnyPrecision() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L), nano);
            assertThat(IsoInstants.text(instant)).isEqualTo(instant.toString());
        }
    }
}
