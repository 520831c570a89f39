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
    void instants_read_as_instant_to_string_writes_them() {
        SplittableRandom random = new SplittableRandom(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.parse("2024-02-29T12:00:00.000001Z")));
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-63_000_000_000L, 254_000_000_000L);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }
        for (Instant instant : instants) {
            assertThat(ObservationBatchJson.iso(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }
}
