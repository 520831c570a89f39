package com.stockcount.count.sessions.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EpcSetTest {

    private static String sgtin96(long serial) {
        return "3034257BF7194E" + Long.toHexString(serial | 1L << 40).substring(1).toUpperCase();
    }

    @Test
    void anEpcIsTakenOnceWhateverTheCaseOfItsHexDigits() {
        EpcSet epcs = new EpcSet();

        assertThat(epcs.add("3034257BF7194E4000001A85")).isTrue();
        assertThat(epcs.add("3034257bf7194e4000001a85")).isFalse();
        assertThat(epcs.add("3034257BF7194E4000001A86")).isTrue();

        assertThat(epcs.contains("3034257bf7194e4000001A85")).isTrue();
        assertThat(epcs.contains("3034257BF7194E4000001A87")).isFalse();
        assertThat(epcs.size()).isEqualTo(2);
    }

    @Test
    void epcsOfOtherLengthsTheAllZeroTagAndNonHexCodesAreKeptToo() {
        EpcSet epcs = new EpcSet();
        String sgtin198 = "3674257BF7194E5AB1C3D60000000000000000000000000000";

        assertThat(epcs.add(sgtin198)).isTrue();
        assertThat(epcs.add("000000000000000000000000")).isTrue();
        assertThat(epcs.add("E28011")).isTrue();
        assertThat(epcs.add("ZZZZZZZZZZZZZZZZZZZZZZZZ")).isTrue();

        assertThat(epcs.add(sgtin198.toLowerCase())).isFalse();
        assertThat(epcs.add("000000000000000000000000")).isFalse();
        assertThat(epcs.add("e28011")).isFalse();
        assertThat(epcs.contains("ZZZZZZZZZZZZZZZZZZZZZZZZ")).isTrue();
        assertThat(epcs.contains("000000000000000000000001")).isFalse();
        assertThat(epcs.size()).isEqualTo(4);
    }

    @Test
    void aSessionsWorthOfTagsReadsBackFromItsStoredFormExactly() {
        EpcSet epcs = new EpcSet();
        assertThat(LongStream.range(0, 200_000).filter(serial -> epcs.add(sgtin96(serial))).count()).isEqualTo(200_000);
        epcs.add("000000000000000000000000");
        epcs.add("E28011");

        EpcSet read = EpcSet.of(epcs.packed96(), epcs.others());

        assertThat(read.size()).isEqualTo(200_002);
        assertThat(epcs.packed96()).hasSize(200_001 * 12);
        assertThat(LongStream.range(0, 200_000).filter(serial -> read.contains(sgtin96(serial))).count()).isEqualTo(200_000);
        assertThat(read.contains(sgtin96(200_000))).isFalse();
        assertThat(read.contains("000000000000000000000000")).isTrue();
        assertThat(read.others()).isEqualTo(List.of("E28011"));
        assertThat(read.add(sgtin96(7))).isFalse();
    }
}
