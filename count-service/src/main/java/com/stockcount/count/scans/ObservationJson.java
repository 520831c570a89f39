package com.stockcount.count.scans;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.json.MalformedPayloadException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads observations as {@link Json#read} does, with one difference: an {@code observedAt} in the form scan-ingest
 * writes ({@code 2025-03-01T09:00:00.123456789Z}, UTC, 0–9 fraction digits, as {@link Instant#toString()}) is read
 * by hand. Jackson's {@code InstantDeserializer} goes through {@code DateTimeFormatter} parsing, which was 30 % of the
 * scan consumer's CPU (one read per EPC, docs/benchmarks.md); any other form (an offset, a number, a leap second, an
 * invalid date) falls back to it, so the result and the errors are the same as before.
 */
final class ObservationJson {

    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .registerModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstants()));

    private ObservationJson() {
    }

    /** A payload of this type, or {@link MalformedPayloadException} naming what is wrong, exactly as {@link Json#read}. */
    static <T> T read(byte[] payload, Class<T> type) {
        return Json.read(MAPPER, payload, type);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or {@code null} when the text is not exactly that with a valid date. */
    static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z' || length > 20 && text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return null;
        }
        for (int scale = length - 21; scale < 9 && length > 20; scale++) {
            fraction *= 10;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, fraction);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number written by {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static final class UtcInstants extends StdScalarDeserializer<Instant> {

        UtcInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parseUtc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
