package com.stockcount.count.scans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.platform.json.Json;
import com.stockcount.platform.json.MalformedPayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObservationJsonTest {

    private static byte[] observation(String observedAt) {
        return ("{\"observationId\":\"o1\",\"sessionId\":\"s1\",\"deviceId\":\"portal-1\",\"kind\":\"EPC\","
                + "\"code\":\"3034257BF7194E4000001A85\",\"observedAt\":" + observedAt + "}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2025-03-01T09:00:00Z\"", "\"2025-03-01T09:00:00.1Z\"", "\"2025-03-01T09:00:00.123Z\"",
            "\"2024-02-29T23:59:59.123456Z\"", "\"2025-12-31T00:00:00.000000001Z\"", "\"1969-12-31T23:59:59.999999999Z\"",
            "\"2025-03-01T10:00:00+01:00\"", "\"2025-03-01T09:00:00.5+00:00\"", "1740819600.5", "1740819600",
            "\"2025-03-01T24:00:00Z\"", "\"2025-03-01T09:00:00.Z\""})
    void aTimeReadsAsThePlatformReadsIt(String observedAt) {
        Instant expected = Json.read(observation(observedAt), ScanObserved.class).observedAt();

        assertThat(ObservationJson.read(observation(observedAt), ScanObserved.class).observedAt()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2025-02-29T09:00:00Z\"", "\"2025-03-01 09:00:00Z\"", "\"yesterday\"", "\"2025-03-01T09:00:00.1234567890Z\""})
    void aTimeThePlatformRefusesIsRefusedAsMalformed(String observedAt) {
        assertThatThrownBy(() -> Json.read(observation(observedAt), ScanObserved.class))
                .isInstanceOf(MalformedPayloadException.class);

        assertThatThrownBy(() -> ObservationJson.read(observation(observedAt), ScanObserved.class))
                .isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void theFormScanIngestWritesIsReadWithoutTheFormatterAndAnyOtherFormIsLeftToIt() {
        Instant at = Instant.parse("2025-03-01T09:00:00.123456789Z");
        for (Instant written : new Instant[] {at, at.truncatedTo(ChronoUnit.MILLIS), at.truncatedTo(ChronoUnit.SECONDS)}) {
            assertThat(ObservationJson.parseUtc(written.toString())).isEqualTo(written);
        }
        assertThat(ObservationJson.parseUtc("2025-03-01T10:00:00+01:00")).isNull();
        assertThat(ObservationJson.parseUtc("2025-03-01T24:00:00Z")).isNull();
        assertThat(ObservationJson.parseUtc("2025-02-29T09:00:00Z")).isNull();
    }
}
