package com.stockcount.scaningest.reader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZebraEventsTest {

    private static final String TAG = """
            {"type":"SIMPLE","timestamp":"2025-06-15T13:00:00.482+0300","data":{"eventNum":412,"format":"epc","idHex":"3074257bf7194e4000001a85","antenna":2,"peakRssi":-56,"reads":3,"channel":915.25}}""";

    @Test
    void aSingleTagObjectIsOneReadWithItsOffsetTimeInUtc() {
        ReaderReport report = ZebraEvents.parse(TAG.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc, TagRead::antenna, TagRead::seenAt)
                .containsExactly(tuple("3074257BF7194E4000001A85", 2, Instant.parse("2025-06-15T10:00:00.482Z")));
        assertThat(report.rejected()).isEmpty();
    }

    @Test
    void aBatchedArrayIsEveryReadAndHeartbeatsAreCountedNotRejected() {
        String body = "[" + TAG + ","
                + TAG.replace("1a85", "1a86").replace("\"antenna\":2", "\"antenna\":4").replace("+0300", "+03:00") + ","
                + "{\"type\":\"heartbeat\",\"timestamp\":\"2025-06-15T13:00:01.000+0300\",\"data\":{\"system\":{\"cpu\":12}}}]";

        ReaderReport report = ZebraEvents.parse(body.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc, TagRead::antenna)
                .containsExactly(tuple("3074257BF7194E4000001A85", 2), tuple("3074257BF7194E4000001A86", 4));
        assertThat(report.otherEvents()).containsOnly(entry("heartbeat", 1));
    }

    @Test
    void objectsConcatenatedInOneBodyAreEachRead() {
        String body = TAG + TAG.replace("1a85", "1a86") + "\n" + TAG.replace("1a85", "1a87").replace("+0300", "Z");

        ReaderReport report = ZebraEvents.parse(body.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc).containsExactly(
                "3074257BF7194E4000001A85", "3074257BF7194E4000001A86", "3074257BF7194E4000001A87");
        assertThat(report.reads().get(2).seenAt()).isEqualTo(Instant.parse("2025-06-15T13:00:00.482Z"));
    }

    @Test
    void aBadEventAmongGoodOnesIsRejectedAloneNamingTheField() {
        String body = TAG + "\n"
                + TAG.replace("\"idHex\":\"3074257bf7194e4000001a85\"", "\"idHex\":\"\"") + "\n"
                + TAG.replace("2025-06-15T13:00:00.482+0300", "15/06/2025 13:00") + "\n"
                + TAG.replace("2025-06-15T13:00:00.482+0300", "2025-06-15T13:00:00.482") + "\n"
                + TAG.replace("\"antenna\":2", "\"antenna\":\"left\"") + "\n"
                + TAG.replace("1a85", "1a88");

        ReaderReport report = ZebraEvents.parse(body.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc).containsExactly("3074257BF7194E4000001A85", "3074257BF7194E4000001A88");
        assertThat(report.rejected()).extracting(EventRejection::index, EventRejection::reason).containsExactly(
                tuple(1, "MISSING_EPC"), tuple(2, "INVALID_TIMESTAMP"), tuple(3, "INVALID_TIMESTAMP"), tuple(4, "INVALID_ANTENNA"));
        assertThat(report.rejected()).extracting(EventRejection::detail)
                .anyMatch(d -> d.contains("data.idHex")).anyMatch(d -> d.contains("data.antenna"));
    }

    @Test
    void onlyAnIdHexOfTheEventsDataMakesATagAndTheLastDataWins() {
        String body = String.join("\n",
                // idHex deeper than data, or data not an object: not a tag, counted under the type
                "{\"type\":\"GPI\",\"timestamp\":\"2025-06-15T13:00:00Z\",\"data\":{\"gpi\":{\"idHex\":\"3074\"}}}",
                "{\"type\":\"ERROR\",\"data\":\"antenna 3 lost\"}",
                "{\"data\":{}}",
                // an idHex that is null is a tag event without its EPC
                "{\"type\":\"SIMPLE\",\"timestamp\":\"2025-06-15T13:00:00Z\",\"data\":{\"idHex\":null}}",
                // members in any order, unknown nested members skipped, a second data replaces the first
                "{\"data\":{\"idHex\":\"0000\"},\"meta\":{\"a\":[1,{\"b\":2}]},\"timestamp\":1750000000500,"
                        + "\"data\":{\"extra\":{\"idHex\":\"ffff\"},\"idHex\":\"30-74\",\"antenna\":3}}",
                "[1]",
                "{\"type\":\"SIMPLE\",\"data\":{\"idHex\":\"3074\"");

        ReaderReport report = ZebraEvents.parse(body.getBytes(UTF_8));

        assertThat(report.reads()).extracting(TagRead::epc, TagRead::antenna, TagRead::seenAt)
                .containsExactly(tuple("3074", 3, Instant.parse("2025-06-15T15:06:40.5Z")));
        assertThat(report.otherEvents()).containsOnly(entry("GPI", 1), entry("ERROR", 1), entry("unknown", 1));
        assertThat(report.rejected()).extracting(EventRejection::index, EventRejection::reason)
                .containsExactly(tuple(3, "MISSING_EPC"), tuple(5, "NOT_AN_OBJECT"), tuple(6, "MALFORMED_JSON"));
    }
}
