package com.stockcount.platform.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The one JSON dialect of every Kafka payload: ISO-8601 instants (the common UTC form read by hand, see
 * {@link UtcInstants}), unknown fields ignored (a consumer must accept additive changes of a contract version),
 * records as plain objects.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // registered after JavaTimeModule, so its Instant deserializer is the one used
            .addModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstants()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // money: 7.50 stays 7.50 (BigDecimal with its scale), never a binary double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a payload, or throws {@link MalformedPayloadException} naming what is wrong with it. */
    public static <T> T read(byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            throw new MalformedPayloadException("empty payload, expected " + type.getSimpleName());
        }
        try {
            return MAPPER.readValue(payload, type);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new MalformedPayloadException("not a valid " + type.getSimpleName() + ": " + cause.getMessage(), e);
        }
    }
}
