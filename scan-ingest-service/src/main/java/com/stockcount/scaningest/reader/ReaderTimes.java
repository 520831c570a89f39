package com.stockcount.scaningest.reader;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        Instant common = hand(text);
        if (common != null) {
            return common;
        }
        var parsed = ISO.parse(text);
        if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw new DateTimeException("a time needs an offset (Z, +03:00 or +0300): " + text);
        }
        return OffsetDateTime.from(parsed).toInstant();
    }

    /**
     * The forms readers send nearly always, {@code 2025-06-15T10:00:00.123456789Z} (Impinj) and
     * {@code 2025-06-15T13:00:00.482+0300} (Zebra), read by hand: the general formatter (optional offset
     * sections) copies its parse state into a HashMap per section and was the largest cost of a portal
     * body. Anything else (no seconds, lower-case {@code z}, a fraction point without digits, an offset
     * beyond ±18:00 or of hours only) answers null and goes through the formatter.
     */
    private static Instant hand(String t) {
        int n = t.length();
        int local = n - offsetLength(t);
        if (local < 19 || local > 29 || local == n || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || (local > 19 && (t.charAt(19) != '.' || local == 20))) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int nanos = local > 19 ? digits(t, 20, local) : 0;
        ZoneOffset offset = offset(t, local);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nanos < 0 || offset == null) {
            return null;
        }
        for (int scale = local > 19 ? local - 20 : 9; scale < 9; scale++) {
            nanos *= 10;
        }
        // LocalDateTime.of refuses what the strict formatter refuses (month 13, 30 February, second 60)
        return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    }

    /** 1 for {@code Z}, 6 for {@code +03:00}, 5 for {@code +0300}; 0 when the text ends otherwise. */
    private static int offsetLength(String t) {
        int n = t.length();
        if (n > 0 && t.charAt(n - 1) == 'Z') {
            return 1;
        }
        if (n >= 6 && sign(t.charAt(n - 6)) && t.charAt(n - 3) == ':') {
            return 6;
        }
        return n >= 5 && sign(t.charAt(n - 5)) ? 5 : 0;
    }

    private static boolean sign(char c) {
        return c == '+' || c == '-';
    }

    /** The offset that starts at {@code from}, or null when it is not one this reader handles. */
    private static ZoneOffset offset(String t, int from) {
        if (t.charAt(from) == 'Z') {
            return ZoneOffset.UTC;
        }
        int hours = digits(t, from + 1, from + 3);
        int minutes = t.charAt(from + 3) == ':' ? digits(t, from + 4, from + 6) : digits(t, from + 3, from + 5);
        if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
            return null;
        }
        int sign = t.charAt(from) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
