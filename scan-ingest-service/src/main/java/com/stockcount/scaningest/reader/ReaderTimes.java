package com.stockcount.scaningest.reader;

import com.stockcount.platform.time.IsoInstants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Times as readers write them: ISO-8601 with up to nine fraction digits and an offset written
 * {@code Z}, {@code +03:00} or {@code +0300} (Zebra), or a number counting since the epoch in
 * nanoseconds, microseconds or milliseconds, told apart by magnitude (Impinj and LLRP bridges send
 * microseconds or nanoseconds).
 */
public final class ReaderTimes {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    /** 10^17 ns is 1973; 10^14 µs is 1973; below that, milliseconds (10^11 ms is 1973 too). */
    private static final long NANOS_FROM = 100_000_000_000_000_000L;
    private static final long MICROS_FROM = 100_000_000_000_000L;

    private ReaderTimes() {
    }

    /** @throws DateTimeException when the text is not a time in one of those forms, or has no offset */
    public static Instant parse(String text) {
        if (!text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1)) && text.indexOf('T') < 0) {
            try {
                return fromEpoch(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new DateTimeException("not a time: " + text);
            }
        }
        // the forms readers send nearly always are read by hand; anything else goes through the formatter
        Instant common = IsoInstants.common(text);
        if (common != null) {
            return common;
        }
        var parsed = ISO.parse(text);
        if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw new DateTimeException("a time needs an offset (Z, +03:00 or +0300): " + text);
        }
        return OffsetDateTime.from(parsed).toInstant();
    }

    public static Instant fromEpoch(long value) {
        if (value < 0) {
            throw new DateTimeException("a time before 1970: " + value);
        }
        if (value >= NANOS_FROM) {
            return Instant.ofEpochSecond(value / 1_000_000_000L, value % 1_000_000_000L);
        }
        if (value >= MICROS_FROM) {
            return Instant.ofEpochSecond(value / 1_000_000L, (value % 1_000_000L) * 1000);
        }
        return Instant.ofEpochMilli(value);
    }
}
