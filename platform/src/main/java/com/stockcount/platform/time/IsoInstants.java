package com.stockcount.platform.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The ISO-8601 times this system sees nearly always, read (and the UTC form written) by hand: {@code 2025-06-15T10:00:00.123456789Z}
 * ({@code Instant.toString()}, Impinj) and {@code 2025-06-15T13:00:00.482+0300} or {@code +03:00} (Zebra).
 * {@code DateTimeFormatter} parsing (what Jackson's {@code InstantDeserializer} and a formatter with optional offset
 * sections do) copies its parse state per section and was the largest CPU cost of both a portal body in scan-ingest
 * and an observation in count-service's scan consumer. Anything else (no seconds, lower-case {@code z}, a fraction
 * point without digits, more than nine fraction digits, an offset beyond ±18:00 or of hours only) answers null: the
 * caller then parses with its formatter, which accepts or refuses it as before.
 */
public final class IsoInstants {

    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    private IsoInstants() {
    }

    /**
     * The instant written in one of the common forms, or null when the text is not exactly one of them.
     *
     * @throws DateTimeException when it has a common form but names no real time (month 13, 30 February, hour 24,
     *         second 60): refused here, as a lenient formatter might accept it
     */
    public static Instant common(String t) {
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
        // LocalDateTime.of refuses what a strict formatter refuses (month 13, 30 February, hour 24, second 60)
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

    /** The offset that starts at {@code from}, or null when it is not one handled here. */
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

    /**
     * {@link Instant#toString()}'s text written by hand for the years 1970–9999 (any other instant goes through it):
     * {@code yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS|.SSSSSSSSS]Z}. The JDK goes through {@code DateTimeFormatter} and a
     * {@code LocalDateTime} per call, which was 4–14 % of count-service's scan consumer writing one time per EPC
     * outcome and most of scan-ingest's cost of writing an observation's time (docs/benchmarks.md, round 7).
     */
    public static String text(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_SECOND_OF_9999) {
            return instant.toString();
        }
        int nano = instant.getNano();
        char[] text = new char[30];
        // civil date of the day (H. Hinnant's days_from_civil inverted), days counted from 1970-01-01
        long z = Math.floorDiv(seconds, 86_400) + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        int at = put(text, 0, year, 4);
        text[at++] = '-';
        at = put(text, at, month, 2);
        text[at++] = '-';
        at = put(text, at, day, 2);
        text[at++] = 'T';
        at = put(text, at, secondOfDay / 3_600, 2);
        text[at++] = ':';
        at = put(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = put(text, at, secondOfDay % 60, 2);
        if (nano != 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = put(text, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = put(text, at, nano / 1_000, 6);
            } else {
                at = put(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    private static int put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
