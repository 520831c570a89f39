package com.stockcount.scaningest.infrastructure.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObservationBatch;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ObservationBatchJsonTest {

    @Test
    void a_batch_is_written_byte_for_byte_as_the_platform_mapper_writes_it() {
        List<ScanObserved> observations = List.of(
                new ScanObserved("id-1", "s-1", "portal-1", CodeKind.EPC, "3074257BF7194E4000001A85", "80614141123458", "6789",
                        null, "A-01", Instant.parse("2025-06-15T10:00:00.123456789Z")),
                new ScanObserved("id-2", "s-1", "portal-1", CodeKind.EPC, "E2801160600002", null, null, null, null,
                        Instant.parse("2025-06-15T10:00:00Z")),
                // escaping and non-ASCII text as a device may send in a bin or a barcode
                new ScanObserved("id-3", "s-1", "handheld \"7\"", CodeKind.BARCODE, "01\u001d0123\\x", "00012345678905", "S/1", "L-é",
                        "Bac à légumes\n2", Instant.parse("2025-12-31T23:59:59.120Z")));
        ScanObservationBatch batch = new ScanObservationBatch("b-1", "s-1", observations);

        assertThat(new String(ObservationBatchJson.write(batch))).isEqualTo(new String(Json.write(batch)));
        assertThat(Json.read(ObservationBatchJson.write(batch), ScanObservationBatch.class)).isEqualTo(batch);
    }

    @Test
    void a_portal_batch_of_plain_strings_is_written_byte_for_byte_as_the_platform_mapper_writes_it() {
        List<ScanObserved> observations = new ArrayList<>();
        for (int i = 0; i < ScanObservationBatch.MAX_OBSERVATIONS; i++) {
            observations.add(new ScanObserved("5c1f0e3a-0d4b-3c8e-9a77-" + String.format("%012d", i), "session-7", "portal-1",
                    CodeKind.EPC, String.format("3074257BF7194E40%08X", i), i % 3 == 0 ? null : "80614141123458",
                    i % 3 == 0 ? null : Integer.toString(i), null, i % 2 == 0 ? "PORTAL-1" : null,
                    Instant.parse("2025-06-15T10:00:00Z").plusNanos(i * 1_001_000L)));
        }
        ScanObservationBatch batch = new ScanObservationBatch("b-1", "session-7", observations);

        assertThat(new String(ObservationBatchJson.write(batch))).isEqualTo(new String(Json.write(batch)));
    }

    @Test
    void random_strings_are_written_byte_for_byte_as_the_platform_mapper_writes_them() {
        // printable ASCII, the characters JSON escapes, DEL, Latin-1, other BMP text and a surrogate pair
        String alphabet = "aZ09-_ :/.\"\\\u0000\u001d\n\t\u007f\u00e9\u00ff\u20ac\ud83d\ude00";
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            String session = text(random, alphabet, round % 2 == 0);
            List<ScanObserved> observations = new ArrayList<>();
            for (int i = 0, n = random.nextInt(1, 6); i < n; i++) {
                boolean plain = random.nextInt(4) > 0;
                observations.add(new ScanObserved(text(random, alphabet, plain), session, text(random, alphabet, plain),
                        CodeKind.values()[random.nextInt(CodeKind.values().length)], text(random, alphabet, plain),
                        random.nextBoolean() ? null : text(random, alphabet, plain), random.nextBoolean() ? null : text(random, alphabet, plain),
                        random.nextBoolean() ? null : text(random, alphabet, plain), random.nextBoolean() ? null : text(random, alphabet, plain),
                        Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000))));
            }
            ScanObservationBatch batch = new ScanObservationBatch(text(random, alphabet, true), session, observations);

            assertThat(ObservationBatchJson.write(batch)).as("%s", batch).isEqualTo(Json.write(batch));
        }
    }

    /**
     * "x" (never blank, as ids must not be) and 1 to 12 characters: only the first ten of the alphabet (plain ASCII)
     * when {@code plain}, any otherwise.
     */
    private static String text(SplittableRandom random, String alphabet, boolean plain) {
        StringBuilder text = new StringBuilder("x");
        for (int i = 0, n = random.nextInt(1, 13); i < n; i++) {
            int at = random.nextInt(plain ? 10 : alphabet.length() - 1);
            // the surrogate pair stays a pair: a lone surrogate is not text a device can send in JSON
            text.append(alphabet.charAt(at) == '\ud83d' ? "\ud83d\ude00" : alphabet.substring(at, at + 1));
        }
        return text.toString();
    }
}
