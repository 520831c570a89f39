package com.stockcount.scaningest.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ObservationIdsTest {

    @Test
    void a_tag_keeps_the_id_it_had_before_a_restart_or_an_upgrade() {
        // ids already on the topic and in count-service's processed ids: the same (session, EPC) must name the same observation
        assertThat(ObservationIds.ofEpc("s-1", "3074257BF7194E4000001A85")).isEqualTo("105a20b2-c0d6-324d-b631-0f9980380892");
        assertThat(ObservationIds.derive("s-1", "dev-1", "2025-06-15T10:00:00Z", 0, "4006381333931"))
                .isEqualTo("f0b21ad4-e838-3265-98d2-43111dc60f50");
    }

    @Test
    void ids_are_name_based_uuids_of_the_length_prefixed_fields_on_every_thread() {
        IntStream.range(0, 2_000).parallel().forEach(i -> {
            String session = "session-" + (i % 7);
            String epc = String.format("30%022X", i * 7919L);
            assertThat(ObservationIds.ofEpc(session, epc)).isEqualTo(reference("scan-ingest/epc/v1", session, epc));
        });
    }

    private static String reference(String... fields) {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            buffer.putInt(bytes.length).put(bytes);
        }
        byte[] name = new byte[buffer.position()];
        buffer.flip().get(name);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
