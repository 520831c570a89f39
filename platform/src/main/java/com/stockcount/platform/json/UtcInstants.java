package com.stockcount.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.stockcount.platform.time.IsoInstants;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads an instant in the form every service writes ({@code 2025-03-01T09:00:00.123456789Z}: UTC, 0–9 fraction
 * digits, as {@link Instant#toString()}) by hand. Jackson's {@code InstantDeserializer} goes through
 * {@code DateTimeFormatter} parsing, which was 30 % of count-service's scan consumer (one time per EPC) and 60 % of
 * reconciliation's JSON time on result parts (a time per line). Any other form (an offset, a number, a leap second,
 * an invalid date) falls back to Jackson's deserializer, so the values and the errors are the same as before.
 */
final class UtcInstants extends StdScalarDeserializer<Instant> {

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
}
