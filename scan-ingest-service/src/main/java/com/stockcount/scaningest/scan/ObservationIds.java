package com.stockcount.scaningest.scan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** Reused per thread: a lookup of the MD5 provider for every new tag cost more than the digest of its few bytes. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    });

    /** {@link UUID#nameUUIDFromBytes} of the fields, each prefixed by its length, without building the byte array. */
    private static String nameBased(String... values) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        byte[] length = new byte[Integer.BYTES];
        for (String value : values) {
            // length-prefixed fields: no separator character can make two different inputs collide
            byte[] field = value.getBytes(StandardCharsets.UTF_8);
            length[0] = (byte) (field.length >>> 24);
            length[1] = (byte) (field.length >>> 16);
            length[2] = (byte) (field.length >>> 8);
            length[3] = (byte) field.length;
            md5.update(length);
            md5.update(field);
        }
        byte[] hash = md5.digest();
        hash[6] = (byte) (hash[6] & 0x0f | 0x30); // version 3: name-based, MD5
        hash[8] = (byte) (hash[8] & 0x3f | 0x80); // IETF variant
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = msb << 8 | (hash[i] & 0xff);
            lsb = lsb << 8 | (hash[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
