package com.stockcount.scaningest.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockcount.scaningest.rfid.Epc;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        List<TagRead> reads = new ArrayList<>();
        Map<String, Integer> others = new TreeMap<>();
        List<EventRejection> rejected = new ArrayList<>();
        JsonEvents.each(body, (event, index) -> {
            if (event == null) {
                rejected.add(new EventRejection(index, "MALFORMED_JSON", "event " + index + " is not valid JSON"));
            } else if (!event.isObject()) {
                rejected.add(new EventRejection(index, "NOT_AN_OBJECT", "event " + index + " must be a JSON object"));
            } else if (event.has(TAG_EVENT)) {
                try {
                    reads.add(tag(event));
                } catch (RejectedEvent e) {
                    rejected.add(new EventRejection(index, e.reason, e.getMessage()));
                }
            } else {
                others.merge(kind(event), 1, Integer::sum);
            }
        });
        return new ReaderReport(reads, others, rejected);
    }

    private static TagRead tag(JsonNode event) {
        JsonNode tag = event.get(TAG_EVENT);
        if (!tag.isObject()) {
            throw new RejectedEvent("NOT_AN_OBJECT", "tagInventoryEvent must be an object");
        }
        String epc = Epc.normalise(epc(tag));
        if (!Epc.isHex(epc)) {
            throw new RejectedEvent("INVALID_EPC", "tagInventoryEvent.epcHex must be hexadecimal, was '" + epc + "'");
        }
        Integer antenna = null;
        JsonNode port = tag.get("antennaPort");
        if (port != null && !port.isNull()) {
            if (!port.canConvertToInt() || port.asInt() < 1) {
                throw new RejectedEvent("INVALID_ANTENNA", "tagInventoryEvent.antennaPort must be a port number from 1, was " + port);
            }
            antenna = port.asInt();
        }
        return new TagRead(epc, antenna, seenAt(event, tag));
    }

    /** {@code epcHex} when present; otherwise {@code epc}, base64 of the EPC bytes; both must agree. */
    private static String epc(JsonNode tag) {
        String hex = JsonEvents.text(tag, "epcHex");
        String base64 = JsonEvents.text(tag, "epc");
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
    private static Instant seenAt(JsonNode event, JsonNode tag) {
        String field = tag.hasNonNull("lastSeenTime") ? "tagInventoryEvent.lastSeenTime" : "timestamp";
        JsonNode value = tag.hasNonNull("lastSeenTime") ? tag.get("lastSeenTime") : event.get("timestamp");
        if (value == null || value.isNull()) {
            throw new RejectedEvent("INVALID_TIMESTAMP", "timestamp is missing");
        }
        try {
            return value.isIntegralNumber() ? ReaderTimes.fromEpoch(value.asLong()) : ReaderTimes.parse(value.asText());
        } catch (DateTimeException e) {
            throw new RejectedEvent("INVALID_TIMESTAMP", field + " is not a time: '" + value.asText() + "'");
        }
    }

    private static String kind(JsonNode event) {
        for (String name : JsonEvents.fieldNames(event)) {
            if (name.endsWith("Event") && event.get(name).isObject()) {
                return name.substring(0, name.length() - "Event".length());
            }
        }
        String type = JsonEvents.text(event, "eventType");
        return type == null ? "unknown" : type;
    }

    static final class RejectedEvent extends RuntimeException {
        final String reason;

        RejectedEvent(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
