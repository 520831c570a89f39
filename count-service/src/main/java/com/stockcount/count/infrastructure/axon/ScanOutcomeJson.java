package com.stockcount.count.infrastructure.axon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.platform.time.IsoInstants;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A {@link ScanOutcome} in the event store, written field by field as an array in the order of the record's components:
 * {@code [observationId, category, kind, code, gtin, serial, epc, bin, lineId, countedQuantity, observedAt, reason]},
 * without the trailing nulls, and {@code epc} as {@code true} when it is the {@code code} (always so for an EPC read).
 * An EPC counted on a line is then ~160 bytes instead of ~330 as an object with its field names, the EPC twice and
 * {@code "reason":null}: a 200,000-EPC session writes and reads half the JSON (docs/benchmarks.md, round 7).
 *
 * <p>Outcomes stored before are objects with the field names, as Jackson wrote the record: they are still read, by
 * name, into the same record (same constructor, same checks), so every stored {@code ScansRecorded} replays as it did.
 */
final class ScanOutcomeJson {

    /** The record's components, in the order of the array shape; the object shape names them. */
    private static final List<String> NAMES = List.of("observationId", "category", "kind", "code", "gtin", "serial", "epc",
            "bin", "lineId", "countedQuantity", "observedAt", "reason");

    private static final int FIELDS = NAMES.size();

    private ScanOutcomeJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("scan-outcome")
                .addSerializer(ScanOutcome.class, new StdSerializer<>(ScanOutcome.class) {
                    @Override
                    public void serialize(ScanOutcome outcome, JsonGenerator json, SerializerProvider provider)
                            throws IOException {
                        Object[] fields = {outcome.observationId(), outcome.category(), outcome.kind(), outcome.code(),
                                outcome.gtin(), outcome.serial(),
                                outcome.epc() != null && outcome.epc().equals(outcome.code()) ? Boolean.TRUE : outcome.epc(),
                                outcome.bin(), outcome.lineId(), outcome.countedQuantity(), outcome.observedAt(),
                                outcome.reason()};
                        int written = FIELDS;
                        while (fields[written - 1] == null) {
                            written--;
                        }
                        json.writeStartArray(outcome, written);
                        for (int i = 0; i < written; i++) {
                            Object field = fields[i];
                            if (field == null) {
                                json.writeNull();
                            } else if (field instanceof Long number) {
                                json.writeNumber(number);
                            } else if (field instanceof Boolean) {
                                json.writeBoolean(true);
                            } else if (field instanceof Instant instant) {
                                // the form Instant#toString writes (as Jackson's serializer did)
                                json.writeString(IsoInstants.text(instant));
                            } else {
                                json.writeString((String) field);
                            }
                        }
                        json.writeEndArray();
                    }
                })
                .addDeserializer(ScanOutcome.class, new StdDeserializer<>(ScanOutcome.class) {
                    @Override
                    public ScanOutcome deserialize(JsonParser json, DeserializationContext context) throws IOException {
                        return json.isExpectedStartArrayToken() ? fromArray(json, context) : fromObject(json, context);
                    }
                });
    }

    private static ScanOutcome fromArray(JsonParser json, DeserializationContext context) throws IOException {
        Fields fields = new Fields();
        int field = 0;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken(), field++) {
            if (field >= FIELDS) {
                return context.reportInputMismatch(ScanOutcome.class, "a scan outcome has at most %d fields", FIELDS);
            }
            fields.read(field, token, json, context);
        }
        return fields.outcome();
    }

    /** The shape stored before: an object with the record's component names. */
    private static ScanOutcome fromObject(JsonParser json, DeserializationContext context) throws IOException {
        Fields fields = new Fields();
        // at the object's start, or at its first field when Jackson has buffered the start
        String first = json.hasToken(JsonToken.FIELD_NAME) ? json.currentName() : json.nextFieldName();
        for (String name = first; name != null; name = json.nextFieldName()) {
            JsonToken token = json.nextToken();
            int field = NAMES.indexOf(name);
            if (field < 0) {
                // as the event mapper does for any record: a field it does not know is passed over
                json.skipChildren();
            } else {
                fields.read(field, token, json, context);
            }
        }
        return fields.outcome();
    }

    /** One outcome's fields as read, whichever the shape; {@code epc} may be {@code true}: the {@code code}. */
    private static final class Fields {
        private final String[] text = new String[FIELDS];
        private Long countedQuantity;
        private Instant observedAt;
        private boolean epcIsCode;

        void read(int field, JsonToken token, JsonParser json, DeserializationContext context) throws IOException {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            switch (field) {
                case 6 -> {
                    epcIsCode = token == JsonToken.VALUE_TRUE;
                    text[field] = epcIsCode ? null : json.getValueAsString();
                }
                case 9 -> countedQuantity = json.getLongValue();
                case 10 -> observedAt = context.readValue(json, Instant.class);
                default -> text[field] = json.getValueAsString();
            }
        }

        ScanOutcome outcome() {
            return new ScanOutcome(text[0], text[1], text[2], text[3], text[4], text[5], epcIsCode ? text[3] : text[6],
                    text[7], text[8], countedQuantity, observedAt, text[11]);
        }
    }
}
