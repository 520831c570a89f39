package com.stockcount.scaningest.scan;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of an observation whose device gave none. It depends only on what the device sent, so a
 * batch retried after a timeout yields the same ids and count-service applies each scan once.
 * Derived only when the device sent a {@code scannedAt}: without an id or a time, nothing tells a
 * retry from a second real scan, so such a scan gets a fresh id (a retried batch may then count
 * twice; devices should send ids).
 */
public final class ObservationIds {

    private ObservationIds() {
    }

    public static String derive(String sessionId, String deviceId, String scannedAt, int index, String code) {
        return nameBased("scan-ingest/observation/v1", sessionId, deviceId, scannedAt == null ? "" : scannedAt,
                Integer.toString(index), code);
    }

    /**
     * The id of a tag in a session: a name-based UUID of the session and the EPC (upper-case hex), and
     * nothing else, so every read of the tag by any reader, at any time, names the same observation.
     */
    public static String ofEpc(String sessionId, String epcHex) {
        return nameBased("scan-ingest/epc/v1", sessionId, epcHex);
    }

    private static String nameBased(String... values) {
        // length-prefixed fields: no separator character can make two different inputs collide
        byte[][] fields = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            fields[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        int size = 0;
        for (byte[] field : fields) {
            size += Integer.BYTES + field.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] field : fields) {
            buffer.putInt(field.length).put(field);
        }
        return UUID.nameUUIDFromBytes(buffer.array()).toString();
    }
}
