package com.stockcount.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.stockcount.contracts.scan.v1.ScanObserved;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Instants read by hand must read exactly as Jackson's own deserializer reads them, and be refused where it refuses. */
class UtcInstantsTest {

    /** The platform's mapper as it was before instants were read by hand. */
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static byte[] observation(String observedAt) {
        return ("{\"observationId\":\"o1\",\"sessionId\":\"s1\",\"deviceId\":\"portal-1\",\"kind\":\"EPC\","
                + "\"code\":\"3034257BF7194E4000001A85\",\"observedAt\":" + observedAt + "}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2025-03-01T09:00:00Z\"", "\"2025-03-01T09:00:00.1Z\"", "\"2025-03-01T09:00:00.123Z\"",
            "\"2024-02-29T23:59:59.123456Z\"", "\"2025-12-31T00:00:00.000000001Z\"", "\"1969-12-31T23:59:59.999999999Z\"",
            "\"2025-03-01T10:00:00+01:00\"", "\"2025-03-01T09:00:00.5+00:00\"", "1740819600.5", "1740819600",
            "\"2025-03-01T24:00:00Z\"", "\"2025-03-01T09:00:00.Z\""})
    void aTimeReadsAsJacksonReadsIt(String observedAt) throws IOException {
        Instant expected = JACKSON.readValue(observation(observedAt), ScanObserved.class).observedAt();

        assertThat(Json.read(observation(observedAt), ScanObserved.class).observedAt()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2025-02-29T09:00:00Z\"", "\"2025-03-01 09:00:00Z\"", "\"yesterday\"", "\"2025-03-01T09:00:00.1234567890Z\""})
    void aTimeJacksonRefusesIsRefusedAsMalformed(String observedAt) {
        assertThatThrownBy(() -> JACKSON.readValue(observation(observedAt), ScanObserved.class))
                .isInstanceOf(IOException.class);

        assertThatThrownBy(() -> Json.read(observation(observedAt), ScanObserved.class))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("ScanObserved");
    }

    @Test
    void theFormTheServicesWriteIsReadWithoutTheFormatterAndAnyOtherFormIsLeftToIt() {
        Instant at = Instant.parse("2025-03-01T09:00:00.123456789Z");
        for (Instant written : new Instant[] {at, at.truncatedTo(ChronoUnit.MILLIS), at.truncatedTo(ChronoUnit.SECONDS)}) {
            assertThat(UtcInstants.parseUtc(written.toString())).isEqualTo(written);
        }
        assertThat(UtcInstants.parseUtc("2025-03-01T10:00:00+01:00")).isNull();
        assertThat(UtcInstants.parseUtc("2025-03-01T24:00:00Z")).isNull();
        assertThat(UtcInstants.parseUtc("2025-02-29T09:00:00Z")).isNull();
        // and the platform's mapper reads instants with it, not with Jackson's own
        assertThat(Json.mapper().getRegisteredModuleIds()).contains("utc-instants");
    }
}
