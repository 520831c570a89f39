package com.stockcount.count.infrastructure.axon;

import java.time.Instant;

/**
 * {@link Instant#toString()} written by hand for the years 1970–9999 (any other instant falls back to it): the same
 * text, {@code yyyy-MM-ddTHH:mm:ss[.SSS|.SSSSSS|.SSSSSSSSS]Z}. The JDK goes through {@code DateTimeFormatter} and a
 * {@code LocalDateTime} per call, which was 4–14 % of the scan consumer's samples writing one time per EPC outcome
 * (docs/benchmarks.md, round 7).
 */
final class UtcInstantText {

    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    private UtcInstantText() {
    }

    static String of(Instant instant) {
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
        int at = digits(text, 0, year, 4);
        text[at++] = '-';
        at = digits(text, at, month, 2);
        text[at++] = '-';
        at = digits(text, at, day, 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3_600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        if (nano != 0) {
            text[at++] = '.';
            if (nano % 1_000_000 == 0) {
                at = digits(text, at, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                at = digits(text, at, nano / 1_000, 6);
            } else {
                at = digits(text, at, nano, 9);
            }
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
