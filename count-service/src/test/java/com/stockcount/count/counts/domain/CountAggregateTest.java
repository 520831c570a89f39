package com.stockcount.count.counts.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CountAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private AggregateTestFixture<CountAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CountAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aCountWithoutPlannedStartIsPlannedForNow() {
        fixture.givenNoPriorActivity()
                .when(new CreateCount("c1", "STORE-1", "Spring count", CountType.HARD, null, null, " ", "s1", null))
                .expectEvents(new CountCreated("c1", "STORE-1", "Spring count", CountType.HARD, null, NOW, null, NOW, "s1", List.of()));
    }

    @Test
    void aCountKeepsItsBinAndPlannedStart() {
        Instant later = NOW.plusSeconds(3600);
        fixture.givenNoPriorActivity()
                .when(new CreateCount("c1", "STORE-1", "Bin A-01", CountType.DIRECTED, "A-01", later, "front", "s1",
                        List.of("SKU-1", "SKU-2")))
                .expectEvents(new CountCreated("c1", "STORE-1", "Bin A-01", CountType.DIRECTED, "A-01", later, "front", NOW,
                        "s1", List.of("SKU-1", "SKU-2")));
    }

    @Test
    void aHardCountHasNoDirectedList() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CreateCount("c1", "STORE-1", "Blind", CountType.HARD,
                        null, null, null, "s1", List.of("SKU-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("directed");
    }
}
