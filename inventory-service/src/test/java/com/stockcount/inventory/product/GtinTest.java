package com.stockcount.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtinTest {

    @Test
    void everyGtinFormIsPaddedToGtin14() {
        assertThat(Gtin.normalize("96385074")).contains("00000096385074");      // GTIN-8
        assertThat(Gtin.normalize("036000291452")).contains("00036000291452");  // UPC-A
        assertThat(Gtin.normalize("4006381333931")).contains("04006381333931"); // EAN-13
        assertThat(Gtin.normalize("10012345678902")).contains("10012345678902"); // GTIN-14
    }

    @Test
    void aWrongCheckDigitOrLengthIsRefused() {
        assertThat(Gtin.normalize("4006381333932")).isEmpty();
        assertThat(Gtin.normalize("036000291453")).isEmpty();
        assertThat(Gtin.normalize("12345")).isEmpty();
        assertThat(Gtin.normalize("40063813339a1")).isEmpty();
        assertThat(Gtin.normalize(null)).isEmpty();
    }
}
