package com.stockcount.scaningest.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import com.stockcount.scaningest.rfid.Epc;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Events of the Impinj IoT device interface (R700/R720), as its HTTP stream (one JSON object per
 * line) or a webhook (a JSON array) delivers them:
 * <pre>{"timestamp":"2025-06-15T10:00:00.123456789Z","hostname":"impinj-14-0b-2c","eventType":"tagInventory",
 *  "tagInventoryEvent":{"epc":"MHQle/cZTkAAABqF","epcHex":"3074257BF7194E4000001A85","antennaPort":1,
 *  "antennaName":"Antenna 1","peakRssiCdbm":-5400,"lastSeenTime":"2025-06-15T10:00:00.120000000Z"}}</pre>
 * The kind of an event is the name of its {@code …Event} member; {@code eventType} is optional (older
 * firmware leaves it out). Every event other than a tag inventory (antenna connected or disconnected,
 * inventory status, inventory terminated, overflow, diagnostics, GPI…) is acknowledged and counted.
 */
public final class ImpinjEvents {

    static final String TAG_EVENT = "tagInventoryEvent";

    private ImpinjEvents() {
    }

    public static ReaderReport parse(byte[] body) {
        return JsonEvents.report(body, new Fields());
    }

    /**
     * The members of one event that matter, read in one pass: the tag's {@code epcHex}, {@code epc},
     * {@code antennaPort}, {@code lastSeenTime} (as small scalar nodes), the event's {@code timestamp},
     * {@code eventType} and the name of its first {@code …Event} object; everything else is skipped
     * unread. Duplicate members: the last one wins, as in a tree.
     */
    private static final class Fields implements JsonEvents.EventObject {
        JsonNode timestamp;
        JsonNode eventType;
        String firstEventObject;
        /** {@code tagInventoryEvent} when it is not an object (to be refused); null when it is one or absent. */
        JsonNode tagEvent;
        boolean tagEventPresent;
        JsonNode epcHex;
        JsonNode epc;
        JsonNode antennaPort;
        JsonNode lastSeenTime;

        @Override
        public void read(JsonParser parser) throws IOException {
            timestamp = eventType = tagEvent = epcHex = epc = antennaPort = lastSeenTime = null;
            firstEventObject = null;
            tagEventPresent = false;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "timestamp" -> timestamp = JsonEvents.value(parser);
                    case "eventType" -> eventType = JsonEvents.value(parser);
                    case TAG_EVENT -> {
                        if (firstEventObject == null && value == JsonToken.START_OBJECT) {
                            firstEventObject = TAG_EVENT;
                        }
                        if (value == JsonToken.START_OBJECT) {
                            tagEventPresent = true;
                            tagEvent = null;
                            readTag(parser);
                        } else {
                            tagEventPresent = false;
                            tagEvent = JsonEvents.value(parser);
                        }
                    }
                    default -> {
                        if (firstEventObject == null && value == JsonToken.START_OBJECT && name.endsWith("Event")) {
                            firstEventObject = name;
                        }
                        parser.skipChildren();
                    }
                }
            }
        }

        private void readTag(JsonParser parser) throws IOException {
            epcHex = epc = antennaPort = lastSeenTime = null;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                switch (name) {
                    case "epcHex" -> epcHex = JsonEvents.value(parser);
                    case "epc" -> epc = JsonEvents.value(parser);
                    case "antennaPort" -> antennaPort = JsonEvents.value(parser);
                    case "lastSeenTime" -> lastSeenTime = JsonEvents.value(parser);
                    default -> parser.skipChildren();
                }
            }
        }

        @Override
        public boolean isTag() {
            return tagEvent != null || tagEventPresent;
        }

        @Override
        public TagRead tag() {
            return ImpinjEvents.tag(this);
        }

        @Override
        public String otherKind() {
            if (firstEventObject != null) {
                return firstEventObject.substring(0, firstEventObject.length() - "Event".length());
            }
            return eventType == null || eventType.isNull() ? "unknown" : eventType.asText();
        }
    }

    private static TagRead tag(Fields tag) {
        if (!tag.tagEventPresent) {
            throw new RejectedEvent("NOT_AN_OBJECT", "tagInventoryEvent must be an object");
        }
        String epc = Epc.normalise(epc(tag));
        if (!Epc.isHex(epc)) {
            throw new RejectedEvent("INVALID_EPC", "tagInventoryEvent.epcHex must be hexadecimal, was '" + epc + "'");
        }
        Integer antenna = null;
        JsonNode port = tag.antennaPort;
        if (port != null && !port.isNull()) {
            if (!port.canConvertToInt() || port.asInt() < 1) {
                throw new RejectedEvent("INVALID_ANTENNA", "tagInventoryEvent.antennaPort must be a port number from 1, was " + port);
            }
            antenna = port.asInt();
        }
        return new TagRead(epc, antenna, seenAt(tag));
    }

    /** {@code epcHex} when present; otherwise {@code epc}, base64 of the EPC bytes; both must agree. */
    private static String epc(Fields tag) {
        String hex = JsonEvents.text(tag.epcHex);
        String base64 = JsonEvents.text(tag.epc);
        String fromBase64 = null;
        if (base64 != null) {
            try {
                fromBase64 = HexFormat.of().withUpperCase().formatHex(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new RejectedEvent("INVALID_EPC", "tagInventoryEvent.epc must be base64, was '" + base64 + "'");
            }
        }
        if (hex == null || hex.isEmpty()) {
            if (fromBase64 == null || fromBase64.isEmpty()) {
                throw new RejectedEvent("MISSING_EPC", "tagInventoryEvent needs epcHex or epc");
            }
            return fromBase64;
        }
        if (fromBase64 != null && !fromBase64.equalsIgnoreCase(hex)) {
            throw new RejectedEvent("CONFLICTING_EPC", "tagInventoryEvent.epc (" + fromBase64 + ") and epcHex (" + hex + ") differ");
        }
        return hex;
    }

    /** When the tag was last seen; the event's own timestamp when the reader did not report that. */
    private static Instant seenAt(Fields tag) {
        boolean lastSeen = tag.lastSeenTime != null && !tag.lastSeenTime.isNull();
        String field = lastSeen ? "tagInventoryEvent.lastSeenTime" : "timestamp";
        JsonNode value = lastSeen ? tag.lastSeenTime : tag.timestamp;
        if (value == null || value.isNull()) {
            throw new RejectedEvent("INVALID_TIMESTAMP", "timestamp is missing");
        }
        try {
            return value.isIntegralNumber() ? ReaderTimes.fromEpoch(value.asLong()) : ReaderTimes.parse(value.asText());
        } catch (DateTimeException e) {
            throw new RejectedEvent("INVALID_TIMESTAMP", field + " is not a time: '" + value.asText() + "'");
        }
    }

    static final class RejectedEvent extends RuntimeException {
        final String reason;

        RejectedEvent(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
