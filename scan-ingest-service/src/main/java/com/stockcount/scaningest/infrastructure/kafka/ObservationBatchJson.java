package com.stockcount.scaningest.infrastructure.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A {@link ScanObservationBatch} as the bytes {@link Json#write} makes of it (same fields, order, nulls and
 * instants), written field by field with a {@link JsonGenerator}: the bench's profile of scan-ingest spent about
 * a fifth of its samples in the databind write of batches, half of that in {@link Instant#toString}'s
 * general formatter for every observation's time.
 */
final class ObservationBatchJson {

    private static final long YEAR_0000 = -62_167_219_200L;
    private static final long YEAR_10000 = 253_402_300_800L;

    private ObservationBatchJson() {
    }

    static byte[] write(ScanObservationBatch batch) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(null, 256 + batch.observations().size() * 320);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("batchId", batch.batchId());
            json.writeStringField("sessionId", batch.sessionId());
            json.writeArrayFieldStart("observations");
            for (ScanObserved o : batch.observations()) {
                json.writeStartObject();
                json.writeStringField("observationId", o.observationId());
                json.writeStringField("sessionId", o.sessionId());
                json.writeStringField("deviceId", o.deviceId());
                json.writeStringField("kind", o.kind().name());
                json.writeStringField("code", o.code());
                json.writeStringField("gtin", o.gtin());
                json.writeStringField("serial", o.serial());
                json.writeStringField("lot", o.lot());
                json.writeStringField("bin", o.bin());
                json.writeStringField("observedAt", iso(o.observedAt()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a batch of " + batch.observations().size() + " observations", e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@link Instant#toString()} (ISO-8601, seconds always, the fraction in groups of three digits as needed) for the
     * years 0000–9999, from the date-time's fields; other years go through {@link Instant#toString()} itself.
     */
    static String iso(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0000 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int nano = instant.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
        put(out, 0, t.getYear(), 4);
        out[4] = '-';
        put(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, t.getHour(), 2);
        out[13] = ':';
        put(out, 14, t.getMinute(), 2);
        out[16] = ':';
        put(out, 17, t.getSecond(), 2);
        if (digits > 0) {
            out[19] = '.';
            put(out, 20, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
