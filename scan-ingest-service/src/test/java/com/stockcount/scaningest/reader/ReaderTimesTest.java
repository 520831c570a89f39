package com.stockcount.scaningest.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReaderTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-15T10:00:00.5Z", "2025-06-15T13:00:00.500+0300", "2025-06-15T13:00:00.500+03:00",
            "2025-06-15T07:30:00.500-0230", "2025-06-15T10:00:00.500000000Z", "1750000000500", "1750000000500000",
            "1749981600500000000"})
    void everyFormReadersUseNamesTheSameInstant(String text) {
        Instant expected = text.startsWith("17") && !text.startsWith("174")
                ? Instant.parse("2025-06-15T15:06:40.5Z") : Instant.parse("2025-06-15T10:00:00.5Z");
        assertThat(ReaderTimes.parse(text)).isEqualTo(expected);
    }

    @Test
    void nanosecondsAreKept() {
        assertThat(ReaderTimes.parse("2025-06-15T10:00:00.123456789Z").getNano()).isEqualTo(123456789);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-15T10:00:00", "2025-06-15", "soon", "", "12ab"})
    void aTimeWithoutOffsetOrNotATimeIsRefused(String text) {
        assertThatThrownBy(() -> ReaderTimes.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
