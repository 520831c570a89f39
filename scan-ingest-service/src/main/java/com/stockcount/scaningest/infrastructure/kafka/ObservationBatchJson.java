package com.stockcount.scaningest.infrastructure.kafka;

import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.time.IsoInstants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A {@link ScanObservationBatch} as the bytes {@link Json#write} makes of it (same fields, order, nulls and
 * instants). The bench's profile of scan-ingest spent about a fifth of its samples in the databind write of
 * batches, half of that in {@link Instant#toString}'s general formatter for every observation's time; written with a
 * {@code JsonGenerator} it still spent most of its time in the generator's per-character escaping loop
 * ({@code _writeStringSegment}). An RFID batch's strings are ids, hex, digits and the reader's names, plain ASCII that
 * JSON does not escape: such a batch is copied straight into a byte array. A batch with any other character in a
 * string (a quote, a control character, non-ASCII text in a bin name…), rare, is written by {@link Json#write}
 * itself.
 */
final class ObservationBatchJson {

    private static final byte[] BATCH_ID = ascii("{\"batchId\":");
    private static final byte[] SESSION_ID = ascii(",\"sessionId\":");
    private static final byte[] OBSERVATIONS = ascii(",\"observations\":[");
    private static final byte[] OBSERVATION_ID = ascii("{\"observationId\":");
    private static final byte[] DEVICE_ID = ascii(",\"deviceId\":");
    private static final byte[] KIND = ascii(",\"kind\":");
    private static final byte[] CODE = ascii(",\"code\":");
    private static final byte[] GTIN = ascii(",\"gtin\":");
    private static final byte[] SERIAL = ascii(",\"serial\":");
    private static final byte[] LOT = ascii(",\"lot\":");
    private static final byte[] BIN = ascii(",\"bin\":");
    private static final byte[] OBSERVED_AT = ascii(",\"observedAt\":");
    private static final byte[] NULL = ascii("null");

    private ObservationBatchJson() {
    }

    static byte[] write(ScanObservationBatch batch) {
        byte[] plain = new PlainWriter(batch.observations().size()).write(batch);
        return plain != null ? plain : Json.write(batch);
    }

    /**
     * Copies the strings of a batch into one byte array, or gives up (null) at the first string that JSON would
     * escape. The strings every observation of a portal's batch repeats (session, reader, bin) are checked and
     * converted once.
     */
    private static final class PlainWriter {
        private byte[] out;
        private int at;
        private boolean plain = true;
        private final Repeated session = new Repeated();
        private final Repeated device = new Repeated();
        private final Repeated bin = new Repeated();

        PlainWriter(int observations) {
            out = new byte[256 + observations * 384];
        }

        byte[] write(ScanObservationBatch batch) {
            put(BATCH_ID);
            string(batch.batchId());
            put(SESSION_ID);
            repeated(batch.sessionId(), session);
            put(OBSERVATIONS);
            for (int i = 0; i < batch.observations().size() && plain; i++) {
                ScanObserved o = batch.observations().get(i);
                if (i > 0) {
                    put((byte) ',');
                }
                put(OBSERVATION_ID);
                string(o.observationId());
                put(SESSION_ID);
                repeated(o.sessionId(), session);
                put(DEVICE_ID);
                repeated(o.deviceId(), device);
                put(KIND);
                string(o.kind().name());
                put(CODE);
                string(o.code());
                put(GTIN);
                string(o.gtin());
                put(SERIAL);
                string(o.serial());
                put(LOT);
                string(o.lot());
                put(BIN);
                repeated(o.bin(), bin);
                put(OBSERVED_AT);
                string(IsoInstants.text(o.observedAt()));
                put((byte) '}');
            }
            put((byte) ']');
            put((byte) '}');
            return plain ? Arrays.copyOf(out, at) : null;
        }

        private void string(String s) {
            if (s == null) {
                put(NULL);
            } else if (isPlain(s)) {
                quoted(s.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                plain = false;
            }
        }

        private void repeated(String s, Repeated last) {
            if (s == null) {
                put(NULL);
                return;
            }
            if (!s.equals(last.text)) {
                last.text = s;
                last.bytes = isPlain(s) ? s.getBytes(StandardCharsets.ISO_8859_1) : null;
            }
            if (last.bytes == null) {
                plain = false;
            } else {
                quoted(last.bytes);
            }
        }

        private void quoted(byte[] text) {
            put((byte) '"');
            put(text);
            put((byte) '"');
        }

        private void put(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            at += bytes.length;
        }

        private void put(byte b) {
            room(1);
            out[at++] = b;
        }

        private void room(int bytes) {
            if (at + bytes > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, at + bytes));
            }
        }
    }

    /** The last value of a repeated field and its bytes (null when it is not plain). */
    private static final class Repeated {
        String text;
        byte[] bytes;
    }

    /** Printable ASCII other than {@code "} and {@code \\}: what JSON writes as is. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
