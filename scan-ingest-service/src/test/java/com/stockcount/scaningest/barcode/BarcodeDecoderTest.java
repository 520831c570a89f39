package com.stockcount.scaningest.barcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarcodeDecoderTest {

    private static final char GS = '\u001D';
    private final BarcodeDecoder decoder = new BarcodeDecoder(Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC));

    @Nested
    class CheckDigit {

        @ParameterizedTest(name = "{0} has check digit {1}")
        @CsvSource({
                "0950600013435, 2", // GS1's own GTIN-14 example 09506000134352
                "03600029145, 2",   // UPC-A 036000291452
                "400638133393, 1",  // EAN-13 4006381333931
                "9638507, 4",       // EAN-8 96385074
                "0000000000000, 0"})
        void isTheGs1Mod10CheckDigit(String body, int expected) {
            assertThat(Gs1.checkDigit(body)).isEqualTo(expected);
        }
    }

    @Nested
    class BareGtins {

        @ParameterizedTest(name = "{0} is GTIN-14 {1}")
        @CsvSource({
                "09506000134352, 09506000134352",
                "036000291452, 00036000291452",
                "4006381333931, 04006381333931",
                "96385074, 00000096385074"})
        void decodeToTheLeftPaddedGtin14(String code, String gtin) {
            DecodedBarcode barcode = decoder.decode(code);

            assertThat(barcode.gtin()).isEqualTo(gtin);
            assertThat(barcode.serial()).isEmpty();
            assertThat(barcode.lot()).isEmpty();
        }

        @ParameterizedTest(name = "{0} is refused")
        @CsvSource({"036000291453", "4006381333932", "96385075", "09506000134353"})
        void withAWrongCheckDigitAreRefused(String code) {
            assertThatThrownBy(() -> decoder.decode(code))
                    .isInstanceOfSatisfying(InvalidBarcodeException.class,
                            e -> assertThat(e.error()).isEqualTo(BarcodeError.INVALID_CHECK_DIGIT))
                    .hasMessageContaining("should be");
        }

        @Test
        void ofAnotherLengthAreRefused() {
            assertError("12345", BarcodeError.INVALID_LENGTH);
            assertError("123456789012345", BarcodeError.INVALID_LENGTH);
        }

        @Test
        void surviveTheLineEndAKeyboardWedgeScannerAppends() {
            assertThat(decoder.decode("4006381333931\r\n").gtin()).isEqualTo("04006381333931");
        }

        @Test
        void withAnEanSymbologyIdentifierAreRead() {
            assertThat(decoder.decode("]E0036000291452").gtin()).isEqualTo("00036000291452");
            assertThat(decoder.decode("]E496385074").gtin()).isEqualTo("00000096385074");
        }

        @Test
        void textIsNoBarcode() {
            assertError("HELLO", BarcodeError.UNRECOGNIZED_FORMAT);
            assertError("]X5123", BarcodeError.UNSUPPORTED_SYMBOLOGY);
        }
    }

    @Nested
    class HumanReadableElementStrings {

        @Test
        void yieldGtinAndSerial() {
            DecodedBarcode barcode = decoder.decode("(01)09506000134352(21)ABC");

            assertThat(barcode.gtin()).isEqualTo("09506000134352");
            assertThat(barcode.serial()).contains("ABC");
            assertThat(barcode.lot()).isEmpty();
        }

        @Test
        void yieldLotAndExpiry() {
            DecodedBarcode barcode = decoder.decode("(01)09506000134352(17)251231(10)LOT-7");

            assertThat(barcode.lot()).contains("LOT-7");
            assertThat(barcode.expiry()).contains(LocalDate.of(2025, 12, 31));
        }

        @Test
        void dayZeroOfAnExpiryIsTheLastDayOfTheMonth() {
            assertThat(decoder.decode("(01)09506000134352(17)280200").expiry()).contains(LocalDate.of(2028, 2, 29));
        }

        @ParameterizedTest(name = "(17){0} is {1}")
        @CsvSource({"991231, 1999-12-31", "740101, 2074-01-01", "750101, 2075-01-01", "760101, 1976-01-01"})
        void twoDigitYearsFollowTheGs1SlidingWindow(String yymmdd, LocalDate expected) {
            assertThat(decoder.decode("(01)09506000134352(17)" + yymmdd).expiry()).contains(expected);
        }

        @Test
        void otherDatesAreCheckedAndIgnored() {
            assertThat(decoder.decode("(01)09506000134352(11)250101(15)260101").expiry()).isEmpty();
            assertError("(01)09506000134352(11)250230", BarcodeError.INVALID_DATE);
        }

        @Test
        void refuseAGtinWithAWrongCheckDigit() {
            assertError("(01)09506000134353(21)ABC", BarcodeError.INVALID_CHECK_DIGIT);
        }

        @Test
        void refuseUnsupportedOrMalformedAis() {
            assertError("(01)09506000134352(240)X", BarcodeError.UNSUPPORTED_AI);
            assertError("(99)123(01)09506000134352", BarcodeError.UNSUPPORTED_AI);
            assertError("(1)09506000134352", BarcodeError.MALFORMED_ELEMENT);
            assertError("(AB)09506000134352", BarcodeError.MALFORMED_ELEMENT);
            assertError("(01)09506000134352(21", BarcodeError.MALFORMED_ELEMENT);
        }

        @Test
        void refuseValuesOfTheWrongShape() {
            assertError("(01)0950600013435", BarcodeError.MALFORMED_ELEMENT);
            assertError("(01)09506000134352(17)2512", BarcodeError.MALFORMED_ELEMENT);
            assertError("(01)09506000134352(17)251301", BarcodeError.INVALID_DATE);
            assertError("(01)09506000134352(10)", BarcodeError.MALFORMED_ELEMENT);
            assertError("(01)09506000134352(10)123456789012345678901", BarcodeError.MALFORMED_ELEMENT);
            assertError("(01)09506000134352(10)AB CD", BarcodeError.MALFORMED_ELEMENT);
        }

        @Test
        void needExactlyOneGtin() {
            assertError("(21)ABC(10)L1", BarcodeError.MISSING_GTIN);
            assertError("(01)09506000134352(10)A(10)B", BarcodeError.DUPLICATE_AI);
        }
    }

    @Nested
    class RawElementStrings {

        @Test
        void gs1_128WithSymbologyIdentifierAndGroupSeparators() {
            DecodedBarcode barcode = decoder.decode("]C10109506000134352" + "10ABC123" + GS + "21XYZ");

            assertThat(barcode.gtin()).isEqualTo("09506000134352");
            assertThat(barcode.lot()).contains("ABC123");
            assertThat(barcode.serial()).contains("XYZ");
        }

        @Test
        void gs1DataMatrixWithFixedLengthElementsRunningOn() {
            DecodedBarcode barcode = decoder.decode("]d2" + "0109506000134352" + "17261100" + "10L1" + GS + "21S-9");

            assertThat(barcode.expiry()).contains(LocalDate.of(2026, 11, 30));
            assertThat(barcode.lot()).contains("L1");
            assertThat(barcode.serial()).contains("S-9");
        }

        @Test
        void gs1QrAndALeadingFnc1() {
            assertThat(decoder.decode("]Q3" + GS + "010950600013435221ABC").serial()).contains("ABC");
        }

        @Test
        void withoutSymbologyIdentifier() {
            assertThat(decoder.decode("010950600013435221ABC").serial()).contains("ABC");
            assertThat(decoder.decode("0109506000134352").gtin()).isEqualTo("09506000134352");
            assertThat(decoder.decode("0109506000134352" + "10L1" + GS + "17251231").expiry())
                    .contains(LocalDate.of(2025, 12, 31));
        }

        @Test
        void aGroupSeparatorAfterAFixedLengthElementIsTolerated() {
            assertThat(decoder.decode("]C10109506000134352" + GS + "21ABC").serial()).contains("ABC");
        }

        @Test
        void refuseWhatTheyCannotSplit() {
            assertError("]C10109506000134352" + "240X" + GS + "21ABC", BarcodeError.UNSUPPORTED_AI);
            assertError("]C1010950600013435", BarcodeError.MALFORMED_ELEMENT);
            assertError("]C10109506000134352" + "1", BarcodeError.MALFORMED_ELEMENT);
            assertError("]C10109506000134353" + "21ABC", BarcodeError.INVALID_CHECK_DIGIT);
            assertError("]d221ABC", BarcodeError.MISSING_GTIN);
        }
    }

    private void assertError(String code, BarcodeError expected) {
        assertThatThrownBy(() -> decoder.decode(code))
                .as("decoding %s", code)
                .isInstanceOfSatisfying(InvalidBarcodeException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }
}
