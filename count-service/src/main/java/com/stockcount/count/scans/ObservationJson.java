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
import com.stockcount.platform.time.IsoInstants;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

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
        if (!text.endsWith("Z")) {
            return null;
        }
        try {
            return IsoInstants.common(text);
        } catch (DateTimeException e) {
            // Jackson refuses it, with its own message
            return null;
        }
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
