package com.stockcount.scaningest.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.stockcount.scaningest.reader.ImpinjEvents.RejectedEvent;
import com.stockcount.scaningest.rfid.Epc;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        List<TagRead> reads = new ArrayList<>();
        Map<String, Integer> others = new TreeMap<>();
        List<EventRejection> rejected = new ArrayList<>();
        JsonEvents.each(body, (event, index) -> {
            if (event == null) {
                rejected.add(new EventRejection(index, "MALFORMED_JSON", "event " + index + " is not valid JSON"));
            } else if (!event.isObject()) {
                rejected.add(new EventRejection(index, "NOT_AN_OBJECT", "event " + index + " must be a JSON object"));
            } else if (event.path("data").has("idHex")) {
                try {
                    reads.add(tag(event));
                } catch (RejectedEvent e) {
                    rejected.add(new EventRejection(index, e.reason, e.getMessage()));
                }
            } else {
                String type = JsonEvents.text(event, "type");
                others.merge(type == null ? "unknown" : type, 1, Integer::sum);
            }
        });
        return new ReaderReport(reads, others, rejected);
    }

    private static TagRead tag(JsonNode event) {
        JsonNode data = event.get("data");
        String epc = JsonEvents.text(data, "idHex");
        if (epc == null || epc.isEmpty()) {
            throw new RejectedEvent("MISSING_EPC", "data.idHex must not be empty");
        }
        epc = Epc.normalise(epc);
        if (!Epc.isHex(epc)) {
            throw new RejectedEvent("INVALID_EPC", "data.idHex must be hexadecimal, was '" + epc + "'");
        }
        Integer antenna = null;
        JsonNode port = data.get("antenna");
        if (port != null && !port.isNull()) {
            if (!port.canConvertToInt() || port.asInt() < 1) {
                throw new RejectedEvent("INVALID_ANTENNA", "data.antenna must be a port number from 1, was " + port);
            }
            antenna = port.asInt();
        }
        String timestamp = JsonEvents.text(event, "timestamp");
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
