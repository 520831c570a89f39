package com.stockcount.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoSeedTest {

    @Test
    void encodesTheSgtin96ExampleOfTheGs1TagDataStandard() {
        // TDS: urn:epc:id:sgtin:0614141.812345.6789 with filter 3 is the EPC 3074257BF7194E4000001A85
        assertThat(DemoSeed.sgtin96(3, "0614141", "812345", 6789)).isEqualTo("3074257BF7194E4000001A85");
    }
}
