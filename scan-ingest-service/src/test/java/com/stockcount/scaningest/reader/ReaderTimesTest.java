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
            "2025-06-15T07:30:00.500-0230", "2025-06-15T10:00:00.500000000Z", "2025-06-15T10:00:00.50z", "1750000000500", "1750000000500000",
            "1749981600500000000"})
    void everyFormReadersUseNamesTheSameInstant(String text) {
        Instant expected = text.startsWith("17") && !text.startsWith("174")
                ? Instant.parse("2025-06-15T15:06:40.5Z") : Instant.parse("2025-06-15T10:00:00.5Z");
        assertThat(ReaderTimes.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-15T10:00:00Z", "2025-06-15T10:00:00.1Z", "2025-06-15T10:00:00.000123Z",
            "2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z"})
    void theCommonUtcFormIsReadExactlyAsTheStandardReadsIt(String text) {
        assertThat(ReaderTimes.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-15T13:00:00.482+03:00", "2025-06-15T13:00:00+03:00", "2025-06-15T07:30:00.5-02:30",
            "2025-06-15T10:00:00.123456789-00:00", "2025-06-15T00:30:00+18:00", "2025-06-15T00:30:00.1-18:00",
            "2024-03-01T01:00:00+05:45"})
    void numericOffsetsAreReadExactlyAsTheStandardReadsThemWithOrWithoutTheColon(String text) {
        Instant standard = java.time.OffsetDateTime.parse(text).toInstant();
        String zebra = text.substring(0, text.length() - 3) + text.substring(text.length() - 2);

        assertThat(ReaderTimes.parse(text)).isEqualTo(standard);
        assertThat(ReaderTimes.parse(zebra)).isEqualTo(standard);
    }

    @Test
    void nanosecondsAreKept() {
        assertThat(ReaderTimes.parse("2025-06-15T10:00:00.123456789Z").getNano()).isEqualTo(123456789);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-15T10:00:00", "2025-06-15", "soon", "", "12ab",
            "2025-02-30T10:00:00Z", "2025-13-15T10:00:00Z", "2025-06-15T24:00:00Z", "2025-06-15T10:00:60.5Z", "2025-06-15T10:0a:00Z",
            "2025-06-15T10:00:00.1234567890Z", "2025-06-15T10:00:00+1830", "2025-06-15T10:00:00+03:60", "2025-06-15T10:00:00+3:00",
            "2025-02-29T10:00:00+0100"})
    void aTimeWithoutOffsetOrNotATimeIsRefused(String text) {
        assertThatThrownBy(() -> ReaderTimes.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
