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
        // length-prefixed fields: no separator character can make two different inputs collide
        byte[][] fields = {
                "scan-ingest/observation/v1".getBytes(StandardCharsets.UTF_8),
                sessionId.getBytes(StandardCharsets.UTF_8),
                deviceId.getBytes(StandardCharsets.UTF_8),
                (scannedAt == null ? "" : scannedAt).getBytes(StandardCharsets.UTF_8),
                Integer.toString(index).getBytes(StandardCharsets.UTF_8),
                code.getBytes(StandardCharsets.UTF_8)};
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
