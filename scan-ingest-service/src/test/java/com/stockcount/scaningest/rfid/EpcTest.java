package com.stockcount.scaningest.rfid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stockcount.scaningest.barcode.Gs1;
import java.math.BigInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpcTest {

    @Test
    void theTagDataStandardsSgtin96ExampleDecodesToItsGtinSerialAndUri() {
        Sgtin sgtin = (Sgtin) Epc.decode("3074257BF7194E4000001A85");

        assertThat(sgtin.scheme()).isEqualTo("sgtin-96");
        assertThat(sgtin.filter()).isEqualTo(3);
        assertThat(sgtin.companyPrefix()).isEqualTo("0614141");
        assertThat(sgtin.itemReference()).isEqualTo("812345");
        assertThat(sgtin.serial()).isEqualTo("6789");
        assertThat(sgtin.gtin()).isEqualTo("80614141123458");
        assertThat(sgtin.pureIdentityUri()).isEqualTo("urn:epc:id:sgtin:0614141.812345.6789");
    }

    @Test
    void theTagDataStandardsSgtin198ExampleDecodesWithItsEscapedAlphanumericSerial() {
        Sgtin sgtin = (Sgtin) Epc.decode("3674257BF6B7A659B2C2BF100000000000000000000000000000");

        assertThat(sgtin.scheme()).isEqualTo("sgtin-198");
        assertThat(sgtin.filter()).isEqualTo(3);
        assertThat(sgtin.serial()).isEqualTo("32a/b");
        assertThat(sgtin.gtin()).isEqualTo("70614141123451");
        assertThat(sgtin.pureIdentityUri()).isEqualTo("urn:epc:id:sgtin:0614141.712345.32a%2Fb");
    }

    @Test
    void theGtinCarriesAValidGs1CheckDigit() {
        Sgtin sgtin = (Sgtin) Epc.decode(Epc.encodeSgtin96(1, "4006381", "033393", "7"));

        assertThat(sgtin.gtin()).isEqualTo("04006381333931");
        assertThat(Gs1.hasValidCheckDigit(sgtin.gtin())).isTrue();
    }

    @ParameterizedTest(name = "partition with a {0}-digit company prefix")
    @ValueSource(ints = {12, 11, 10, 9, 8, 7, 6})
    void everyPartitionRoundTripsThroughSgtin96AtItsLimits(int prefixDigits) {
        String prefix = "9".repeat(prefixDigits);
        String item = "9".repeat(13 - prefixDigits);
        String maxSerial = Long.toString((1L << 38) - 1);

        String hex = Epc.encodeSgtin96(7, prefix, item, maxSerial);
        Sgtin sgtin = (Sgtin) Epc.decode(hex);

        assertThat(hex).hasSize(24).startsWith("30");
        assertThat(sgtin.companyPrefix()).isEqualTo(prefix);
        assertThat(sgtin.itemReference()).isEqualTo(item);
        assertThat(sgtin.serial()).isEqualTo(maxSerial);
        assertThat(sgtin.filter()).isEqualTo(7);
        assertThat(sgtin.gtin()).hasSize(14).startsWith(item.charAt(0) + prefix);
        assertThat(Gs1.hasValidCheckDigit(sgtin.gtin())).isTrue();
    }

    @ParameterizedTest(name = "partition with a {0}-digit company prefix")
    @ValueSource(ints = {12, 11, 10, 9, 8, 7, 6})
    void everyPartitionRoundTripsThroughSgtin198WithLeadingZeros(int prefixDigits) {
        String prefix = "0" + "1".repeat(prefixDigits - 1);
        String item = "0".repeat(13 - prefixDigits);
        String serial = "0042-A/b";

        Sgtin sgtin = (Sgtin) Epc.decode(Epc.encodeSgtin198(0, prefix, item, serial));

        assertThat(sgtin.companyPrefix()).isEqualTo(prefix);
        assertThat(sgtin.itemReference()).isEqualTo(item);
        assertThat(sgtin.serial()).isEqualTo(serial);
    }

    @Test
    void everyFilterValueIsDecoded() {
        IntStream.rangeClosed(0, 7).forEach(filter ->
                assertThat(((Sgtin) Epc.decode(Epc.encodeSgtin96(filter, "0614141", "812345", "1"))).filter()).isEqualTo(filter));
        assertThatThrownBy(() -> Epc.encodeSgtin96(8, "0614141", "812345", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySgtin198SerialCharacterOfTheGs1SetSurvivesAndReservedOnesAreEscapedInTheUri() {
        String all = "!\"%&'()*+,-./:;<=>?_";
        Sgtin sgtin = (Sgtin) Epc.decode(Epc.encodeSgtin198(1, "0614141", "712345", all));

        assertThat(sgtin.serial()).isEqualTo(all);
        assertThat(sgtin.pureIdentityUri()).endsWith(".!%22%25%26'()*+,-.%2F:;%3C=%3E%3F_");
        Sgtin longest = (Sgtin) Epc.decode(Epc.encodeSgtin198(1, "0614141", "712345", "AZaz09AZaz09AZaz09Zz"));
        assertThat(longest.serial()).hasSize(20);
    }

    @Test
    void serialsTheStandardDoesNotAllowCannotBeEncoded() {
        assertThatThrownBy(() -> Epc.encodeSgtin198(1, "0614141", "712345", "with space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Epc.encodeSgtin198(1, "0614141", "712345", "x".repeat(21)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Epc.encodeSgtin96(1, "0614141", "712345", "0042"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Epc.encodeSgtin96(1, "0614141", "712345", Long.toString(1L << 38)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Epc.encodeSgtin96(1, "06141", "71234567", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSgtin198SerialWithAControlCharacterOrTextAfterItsEndIsUndecodable() {
        String ab = Epc.encodeSgtin198(1, "0614141", "712345", "AB");

        assertThat(((Undecodable) Epc.decode(withSerialCharacter(ab, 1, 0x07))).reason()).contains("0x7 is not allowed");
        assertThat(((Undecodable) Epc.decode(withSerialCharacter(ab, 3, 'C'))).reason()).contains("after its terminator");
        assertThat(((Undecodable) Epc.decode(withSerialCharacter(ab, 0, 0))).reason()).contains("after its terminator");
        assertThat(((Undecodable) Epc.decode(withSerialCharacter(withSerialCharacter(ab, 0, 0), 1, 0))).reason())
                .contains("empty serial");
    }

    /** Replaces the 7-bit serial character at {@code index} of a padded SGTIN-198 (header, filter, partition, 44 bits before it). */
    private static String withSerialCharacter(String hex, int index, int character) {
        int shift = 208 - (8 + 3 + 3 + 44) - 7 * (index + 1);
        BigInteger value = new BigInteger(hex, 16)
                .andNot(BigInteger.valueOf(0x7F).shiftLeft(shift))
                .or(BigInteger.valueOf(character).shiftLeft(shift));
        return String.format("%052X", value);
    }

    /**
     * SGTIN-96 is decoded with two longs: every field, wherever it straddles the 64-bit boundary or sets a
     * sign bit, must read as the plain bit-by-bit reading of the standard's layout does.
     */
    @Test
    void sgtin96FieldsReadAsTheStandardsBitLayoutForRandomTags() {
        java.util.Random random = new java.util.Random(4);
        for (int n = 0; n < 20_000; n++) {
            BigInteger value = BigInteger.valueOf(0x30).shiftLeft(88).or(new BigInteger(88, random));
            String hex = String.format("%024X", value);
            int partition = (int) field(value, 82, 3);
            EpcDecoding decoding = Epc.decode(hex);
            if (partition == 7) {
                assertThat(((Undecodable) decoding).reason()).isEqualTo("partition 7 is reserved");
                continue;
            }
            int prefixDigits = 12 - partition;
            int prefixBits = new int[]{40, 37, 34, 30, 27, 24, 20}[partition];
            long prefix = field(value, 82 - prefixBits, prefixBits);
            long item = field(value, 38, 44 - prefixBits);
            if (prefix >= Math.pow(10, prefixDigits) || item >= Math.pow(10, 13 - prefixDigits)) {
                assertThat(decoding).isInstanceOf(Undecodable.class);
                continue;
            }
            Sgtin sgtin = (Sgtin) decoding;
            assertThat((long) sgtin.filter()).isEqualTo(field(value, 85, 3));
            assertThat(Long.parseLong(sgtin.companyPrefix())).isEqualTo(prefix);
            assertThat(sgtin.companyPrefix()).hasSize(prefixDigits);
            assertThat(Long.parseLong(sgtin.itemReference())).isEqualTo(item);
            assertThat(sgtin.serial()).isEqualTo(Long.toString(field(value, 0, 38)));
            assertThat(Epc.encodeSgtin96(sgtin.filter(), sgtin.companyPrefix(), sgtin.itemReference(), sgtin.serial())).isEqualTo(hex);
        }
    }

    /** {@code width} bits of {@code value} starting at bit {@code from} (0 = least significant). */
    private static long field(BigInteger value, int from, int width) {
        return value.shiftRight(from).and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).longValueExact();
    }

    @Test
    void partitionSevenIsReservedAndUndecodable() {
        // 0x30, filter 3 (011), partition 7 (111) → second byte 0x7C
        Undecodable undecodable = (Undecodable) Epc.decode("307C257BF7194E4000001A85");

        assertThat(undecodable.reason()).isEqualTo("partition 7 is reserved");
        assertThat(undecodable.epcHex()).isEqualTo("307C257BF7194E4000001A85");
    }

    @Test
    void aCompanyPrefixWiderThanItsPartitionAllowsIsUndecodable() {
        // partition 0 with every company-prefix bit set: 2^40 − 1 has 13 digits
        Undecodable undecodable = (Undecodable) Epc.decode("3003FFFFFFFFFC0000000001");

        assertThat(undecodable.reason()).contains("company prefix").contains("more than 12 digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "E2801160600002054CC2096F",                 // a chip's TID-like value read as EPC (no GS1 header)
            "3500257BF7194E4000001A85",                 // GID-96
            "2F00257BF7194E4000001A85",                 // SSCC-96
            "AD7A0000000000000000000000000000"})        // a vendor's own scheme
    void otherHeadersAreKeptAsUndecodableNamingTheHeader(String hex) {
        Undecodable undecodable = (Undecodable) Epc.decode(hex);

        assertThat(undecodable.reason()).startsWith("header 0x" + hex.substring(0, 2)).endsWith("is not an SGTIN");
        assertThat(undecodable.epcHex()).isEqualTo(hex);
    }

    @Test
    void anUnprogrammedTagIsUndecodable() {
        assertThat(((Undecodable) Epc.decode("000000000000000000000000")).reason()).contains("unprogrammed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3074257BF7194E4000001AXZ", "hello", "30 74 G5"})
    void textThatIsNotHexIsUndecodable(String text) {
        assertThat(((Undecodable) Epc.decode(text)).reason()).isEqualTo("not hexadecimal");
    }

    @Test
    void aMissingEpcIsUndecodable() {
        assertThat(Epc.decode(null)).isEqualTo(new Undecodable("", "no EPC"));
    }

    @Test
    void anSgtin96OfTheWrongLengthIsUndecodable() {
        assertThat(((Undecodable) Epc.decode("3074257BF7194E4000001A")).reason()).contains("must be 96 bits");
        assertThat(((Undecodable) Epc.decode("3674257BF6B7A659")).reason()).contains("SGTIN-198");
    }

    @Test
    void lowerCaseAndSeparatedHexIsNormalised() {
        assertThat(Epc.decode("30:74:25:7b:f7:19:4e:40:00:00:1a:85")).isInstanceOf(Sgtin.class);
        assertThat(Epc.decode(" 3074-257B F719 4E40 0000 1A85 ").epcHex()).isEqualTo("3074257BF7194E4000001A85");
        assertThat(Epc.normalise("3074257BF7194E4000001A85")).isSameAs("3074257BF7194E4000001A85");
    }

    @Test
    void anUnpadded198BitEpcDecodesLikeThePaddedOne() {
        // 198 bits as 50 hex digits (the last 2 bits are padding) — some readers trim the final word
        String padded = "3674257BF6B7A659B2C2BF100000000000000000000000000000";
        Sgtin trimmed = (Sgtin) Epc.decode(padded.substring(0, 50));

        assertThat(trimmed.serial()).isEqualTo("32a/b");
    }
}
