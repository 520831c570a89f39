package com.stockcount.count.infrastructure.axon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.stockcount.count.sessions.domain.EpcSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's {@link EpcSet} in its snapshot: {@code {"epc96": "<base64 of 12 bytes an EPC>", "others": [..]}}, the
 * EPCs themselves rather than the hash table's arrays, so the stored form is a third of the table's and does not
 * depend on how the table hashes (the domain carries no Jackson annotations, hence this module).
 */
final class EpcSetJson {

    private EpcSetJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("epc-set")
                .addSerializer(EpcSet.class, new StdSerializer<>(EpcSet.class) {
                    @Override
                    public void serialize(EpcSet set, JsonGenerator json, SerializerProvider provider) throws IOException {
                        json.writeStartObject();
                        json.writeBinaryField("epc96", set.packed96());
                        json.writeArrayFieldStart("others");
                        for (String epc : set.others()) {
                            json.writeString(epc);
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                })
                .addDeserializer(EpcSet.class, new StdDeserializer<>(EpcSet.class) {
                    @Override
                    public EpcSet deserialize(JsonParser json, DeserializationContext context) throws IOException {
                        JsonNode node = json.readValueAsTree();
                        List<String> others = new ArrayList<>();
                        node.path("others").forEach(epc -> others.add(epc.asText()));
                        return EpcSet.of(node.path("epc96").binaryValue(), others);
                    }
                });
    }
}
