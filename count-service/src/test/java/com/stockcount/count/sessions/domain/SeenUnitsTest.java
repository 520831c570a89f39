package com.stockcount.count.sessions.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeenUnitsTest {

    private static final Instant AT = Instant.parse("2025-03-01T09:59:00.123456789Z");

    @Test
    void aUnitIsKeptWithItsSerialWhetherItIsAnEpcAndWhen() {
        SeenUnits units = new SeenUnits();
        units.put("3034257BF400B7800004CB2F", "314159", true, AT);
        units.put("X1", "X1", false, AT.plusSeconds(1));

        int tag = units.find("3034257BF400B7800004CB2F");
        int serial = units.find("X1");
        assertThat(units.size()).isEqualTo(2);
        assertThat(units.serial(tag)).isEqualTo("314159");
        assertThat(units.epc(tag)).isEqualTo("3034257BF400B7800004CB2F");
        assertThat(units.at(tag)).isEqualTo(AT);
        assertThat(units.serial(serial)).isEqualTo("X1");
        assertThat(units.epc(serial)).isNull();
        assertThat(units.at(serial)).isEqualTo(AT.plusSeconds(1));
        assertThat(units.find("X9")).isEqualTo(-1);
    }

    @Test
    void aUnitCountedAgainIsOneUnitWithItsLatestSerialAndTime() {
        SeenUnits units = new SeenUnits();
        units.put("X1", "X1", false, AT);
        units.put("X1", "X1-B", false, AT.plusSeconds(5));

        assertThat(units.size()).isOne();
        assertThat(units.serial(units.find("X1"))).isEqualTo("X1-B");
        assertThat(units.at(units.find("X1"))).isEqualTo(AT.plusSeconds(5));
    }

    @Test
    void theSameUnitsAreEqualWhateverOrderTheyCameInAndDifferentTimesAreNot() {
        SeenUnits one = new SeenUnits();
        SeenUnits other = new SeenUnits();
        for (int n = 0; n < 100; n++) {
            one.put("X" + n, "X" + n, false, AT);
            other.put("X" + (99 - n), "X" + (99 - n), false, AT);
        }
        other.put("gone", "gone", false, AT);
        other.remove("gone");

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        other.put("X5", "X5", false, AT.plusNanos(1));
        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void tensOfThousandsOfTagsAddedAndSomeTakenOffLeaveExactlyTheOthers() {
        SeenUnits units = new SeenUnits();
        Map<String, Instant> expected = new HashMap<>();
        for (int n = 0; n < 30_000; n++) {
            String epc = String.format("3034%020X", n);
            units.put(epc, Integer.toString(n), true, AT.plusNanos(n));
            expected.put(epc, AT.plusNanos(n));
        }
        for (int n = 0; n < 30_000; n += 3) {
            String epc = String.format("3034%020X", n);
            units.remove(epc);
            expected.remove(epc);
        }
        units.remove("not there");

        assertThat(units.size()).isEqualTo(expected.size());
        for (int n = 0; n < 30_000; n++) {
            String epc = String.format("3034%020X", n);
            assertThat(units.contains(epc)).as(epc).isEqualTo(expected.containsKey(epc));
            if (expected.containsKey(epc)) {
                assertThat(units.at(units.find(epc))).isEqualTo(expected.get(epc));
                assertThat(units.serial(units.find(epc))).isEqualTo(Integer.toString(n));
            }
        }
        int used = 0;
        for (int slot = 0; slot < units.slots(); slot++) {
            used += units.used(slot) ? 1 : 0;
        }
        assertThat(used).isEqualTo(expected.size());
    }
}
