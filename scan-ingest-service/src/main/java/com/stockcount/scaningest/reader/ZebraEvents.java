package com.stockcount.scaningest.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.stockcount.scaningest.reader.ImpinjEvents.RejectedEvent;
import com.stockcount.scaningest.rfid.Epc;
import java.io.IOException;
import java.time.DateTimeException;

/**
 * Tag data of the Zebra IoT Connector (FX7500, FX9600, ATR7000) posted over HTTP, as one object,
 * an array of them (batching on) or several objects one after another in a body:
 * <pre>{"type":"SIMPLE","timestamp":"2025-06-15T13:00:00.482+0300",
 *  "data":{"eventNum":412,"format":"epc","idHex":"3074257bf7194e4000001a85","antenna":2,"peakRssi":-56,"reads":3}}</pre>
 * An object whose {@code data} carries no {@code idHex} (heartbeats, GPI, errors posted to the same
 * endpoint) is acknowledged and counted under its {@code type}.
 */
public final class ZebraEvents {

    private ZebraEvents() {
    }

    public static ReaderReport parse(byte[] body) {
        return JsonEvents.report(body, new Fields());
    }

    /**
     * The members of one event that matter, read in one pass: {@code type}, {@code timestamp}, and of
     * {@code data} (when it is an object) {@code idHex} and {@code antenna}; everything else is skipped
     * unread. Duplicate members: the last one wins, as in a tree (a second {@code data} replaces the first).
     */
    private static final class Fields implements JsonEvents.EventObject {
        JsonNode type;
        JsonNode timestamp;
        boolean idHexPresent;
        JsonNode idHex;
        JsonNode antenna;

        @Override
        public boolean isTag() {
            return idHexPresent;
        }

        @Override
        public TagRead tag() {
            return ZebraEvents.tag(this);
        }

        @Override
        public String otherKind() {
            String kind = JsonEvents.text(type);
            return kind == null ? "unknown" : kind;
        }

        @Override
        public void read(JsonParser parser) throws IOException {
            type = timestamp = idHex = antenna = null;
            idHexPresent = false;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = JsonEvents.value(parser);
                    case "timestamp" -> timestamp = JsonEvents.value(parser);
                    case "data" -> {
                        idHex = antenna = null;
                        idHexPresent = false;
                        if (value == JsonToken.START_OBJECT) {
                            readData(parser);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        }

        private void readData(JsonParser parser) throws IOException {
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                switch (name) {
                    case "idHex" -> {
                        idHexPresent = true;
                        idHex = JsonEvents.value(parser);
                    }
                    case "antenna" -> antenna = JsonEvents.value(parser);
                    default -> parser.skipChildren();
                }
            }
        }
    }

    private static TagRead tag(Fields event) {
        String epc = JsonEvents.text(event.idHex);
        if (epc == null || epc.isEmpty()) {
            throw new RejectedEvent("MISSING_EPC", "data.idHex must not be empty");
        }
        epc = Epc.normalise(epc);
        if (!Epc.isHex(epc)) {
            throw new RejectedEvent("INVALID_EPC", "data.idHex must be hexadecimal, was '" + epc + "'");
        }
        Integer antenna = null;
        JsonNode port = event.antenna;
        if (port != null && !port.isNull()) {
            if (!port.canConvertToInt() || port.asInt() < 1) {
                throw new RejectedEvent("INVALID_ANTENNA", "data.antenna must be a port number from 1, was " + port);
            }
            antenna = port.asInt();
        }
        String timestamp = JsonEvents.text(event.timestamp);
        if (timestamp == null) {
            throw new RejectedEvent("INVALID_TIMESTAMP", "timestamp is missing");
        }
        try {
            return new TagRead(epc, antenna, ReaderTimes.parse(timestamp));
        } catch (DateTimeException e) {
            throw new RejectedEvent("INVALID_TIMESTAMP", "timestamp is not a time: '" + timestamp + "'");
        }
    }
}
