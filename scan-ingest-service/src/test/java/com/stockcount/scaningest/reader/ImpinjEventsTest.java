package com.stockcount.scaningest.reader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImpinjEventsTest {

    /** An R700 HTTP stream: one event per line, nanosecond times, a status event and an antenna event between tags. */
    private static final String STREAM = """
            {"timestamp":"2025-06-15T10:00:00.100000000Z","hostname":"impinj-14-0b-2c","eventType":"inventoryStatus","inventoryStatusEvent":{"inventoryStatus":"running"}}
            {"timestamp":"2025-06-15T10:00:00.123456789Z","hostname":"impinj-14-0b-2c","eventType":"tagInventory","tagInventoryEvent":{"epc":"MHQle/cZTkAAABqF","epcHex":"3074257BF7194E4000001A85","antennaPort":1,"antennaName":"Antenna 1","peakRssiCdbm":-5400,"frequency":915250,"transmitPowerCdbm":3000,"lastSeenTime":"2025-06-15T10:00:00.120000001Z"}}
            {"timestamp":"2025-06-15T10:00:00.200000000Z","hostname":"impinj-14-0b-2c","eventType":"antennaDisconnected","antennaDisconnectedEvent":{"antennaPort":3}}
            {"timestamp":"2025-06-15T10:00:00.300000000Z","hostname":"impinj-14-0b-2c","tagInventoryEvent":{"epc":"MHQle/cZTkAAABqG","antennaPort":2,"antennaName":"Antenna 2","peakRssiCdbm":-6100}}
            """;

    @Test
    void aStreamYieldsItsTagReadsWithAntennaAndNanosecondTimesAndCountsTheOtherEvents() {
        ReaderReport report = ImpinjEvents.parse(STREAM.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc, TagRead::antenna, TagRead::seenAt).containsExactly(
                tuple("3074257BF7194E4000001A85", 1, Instant.parse("2025-06-15T10:00:00.120000001Z")),
                // no eventType, base64 only, no lastSeenTime: the event's timestamp
                tuple("3074257BF7194E4000001A86", 2, Instant.parse("2025-06-15T10:00:00.300Z")));
        assertThat(report.otherEvents()).containsOnly(
                org.assertj.core.api.Assertions.entry("inventoryStatus", 1),
                org.assertj.core.api.Assertions.entry("antennaDisconnected", 1));
        assertThat(report.rejected()).isEmpty();
        assertThat(report.events()).isEqualTo(4);
    }

    @Test
    void aWebhookArrayOfEventsIsReadTheSameWay() {
        String array = "[" + String.join(",", STREAM.strip().split("\n")) + "]";

        ReaderReport report = ImpinjEvents.parse(array.getBytes(UTF_8));

        assertThat(report.reads()).hasSize(2);
        assertThat(report.otherEvents().values()).containsOnly(1);
    }

    @Test
    void aBadEventIsRejectedAloneNamingTheFieldAndTheRestAreRead() {
        String body = """
                {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"epcHex":"3074257BF7194E4000001A85","antennaPort":1}}
                {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"antennaPort":1}}
                {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"epc":"MHQle/cZTkAAABqF","epcHex":"3074257BF7194E4000001A86"}}
                {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"epc":"%%%"}}
                {"timestamp":"yesterday","tagInventoryEvent":{"epcHex":"3074257BF7194E4000001A85"}}
                {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"epcHex":"3074257BF7194E4000001A85","antennaPort":0}}
                {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"epcHex":"30742
                42
                {"timestamp":"2025-06-15T10:00:01Z","tagInventoryEvent":{"epcHex":"3074257BF7194E4000001A87"}}
                """;

        ReaderReport report = ImpinjEvents.parse(body.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc).containsExactly("3074257BF7194E4000001A85", "3074257BF7194E4000001A87");
        assertThat(report.rejected()).extracting(EventRejection::index, EventRejection::reason).containsExactly(
                tuple(1, "MISSING_EPC"), tuple(2, "CONFLICTING_EPC"), tuple(3, "INVALID_EPC"), tuple(4, "INVALID_TIMESTAMP"),
                tuple(5, "INVALID_ANTENNA"), tuple(6, "MALFORMED_JSON"), tuple(7, "NOT_AN_OBJECT"));
        assertThat(report.rejected().get(3).detail()).contains("timestamp").contains("yesterday");
    }

    @Test
    void epochNanosecondsMicrosecondsAndMillisecondsAreTimes() {
        String body = """
                [{"timestamp":1750000000123456789,"tagInventoryEvent":{"epcHex":"01"}},
                 {"timestamp":"2025-06-15T10:00:00Z","tagInventoryEvent":{"epcHex":"02","lastSeenTime":1750000000123456}},
                 {"timestamp":1750000000123,"tagInventoryEvent":{"epcHex":"03"}}]""";

        assertThat(ImpinjEvents.parse(body.getBytes(UTF_8)).reads()).extracting(TagRead::seenAt).containsExactly(
                Instant.parse("2025-06-15T15:06:40.123456789Z"),
                Instant.parse("2025-06-15T15:06:40.123456Z"),
                Instant.parse("2025-06-15T15:06:40.123Z"));
    }

    @Test
    void aBodyThatIsNotJsonOrEmptyIsMalformedAsAWhole() {
        assertThatThrownBy(() -> ImpinjEvents.parse("[{\"timestamp\":".getBytes(UTF_8)))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> ImpinjEvents.parse("  \n".getBytes(UTF_8)))
                .isInstanceOf(MalformedBodyException.class).hasMessageContaining("empty");
    }
}
