package com.stockcount.scaningest.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TagFilterTest {

    private static final long HOUR = 3_600_000_000_000L;

    @Test
    void theFirstSightingOfATagInASessionWinsAndLaterReadsAreDuplicates() {
        TagFilter filter = new TagFilter(1_000_000, HOUR, 0);

        assertThat(filter.markNew("s-1", List.of("A1", "B2", "A1"), 0)).containsExactly(0, 1);
        assertThat(filter.markNew("s-1", List.of("B2", "C3"), 1)).containsExactly(1);
        assertThat(filter.markNew("s-2", List.of("A1"), 2)).containsExactly(0);
        assertThat(filter.tags()).isEqualTo(4);
    }

    @Test
    void twoHundredThousandTagsAreEachNewOnceAndForgottenOnesAreNewAgain() {
        TagFilter filter = new TagFilter(1_000_000, HOUR, 0);
        List<String> epcs = IntStream.range(0, 200_000).mapToObj(i -> String.format("3074257BF7194E40%08X", i)).toList();

        assertThat(filter.markNew("s-1", epcs, 0)).hasSize(200_000);
        assertThat(filter.markNew("s-1", epcs, 1)).isEmpty();

        List<String> failed = epcs.subList(1000, 3000);
        filter.forget("s-1", failed);
        assertThat(filter.tags()).isEqualTo(198_000);
        // the others stay known after the backward-shift deletions; the forgotten ones are new again
        assertThat(filter.markNew("s-1", epcs, 2)).hasSize(2000).first().isEqualTo(1000);
    }

    @Test
    void pastTheBoundTheLeastRecentlyActiveSessionIsForgotten() {
        TagFilter filter = new TagFilter(250, HOUR, 0);
        filter.markNew("old", tags("O", 100), 0);
        filter.markNew("busy", tags("B", 100), 1);
        filter.markNew("old-again", tags("X", 10), 2);

        filter.markNew("new", tags("N", 100), 3);

        assertThat(filter.tags()).isLessThanOrEqualTo(250);
        assertThat(filter.markNew("old", tags("O", 1), 4)).as("evicted, so new again").containsExactly(0);
        assertThat(filter.markNew("new", tags("N", 1), 5)).isEmpty();
        assertThat(filter.markNew("busy", tags("B", 1), 6)).isEmpty();
    }

    @Test
    void sessionsIdleLongerThanTheBoundAreForgotten() {
        TagFilter filter = new TagFilter(1_000, 100, 0);
        filter.markNew("idle", tags("I", 5), 0);

        filter.markNew("active", tags("A", 5), 500);

        assertThat(filter.sessions()).isEqualTo(1);
        assertThat(filter.tags()).isEqualTo(5);
    }

    private static List<String> tags(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
