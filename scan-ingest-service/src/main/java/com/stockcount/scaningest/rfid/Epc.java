package com.stockcount.scaningest.rfid;

import com.stockcount.scaningest.barcode.Gs1;
import java.math.BigInteger;
import java.nio.CharBuffer;
import java.util.Locale;

/**
 * Decodes and encodes SGTIN-96 and SGTIN-198 EPCs as the GS1 EPC Tag Data Standard defines them:
 * header, filter, partition, company prefix, indicator/item reference, serial. Anything else (other
 * headers, partition 7, values out of range, unprogrammed tags) decodes to {@link Undecodable} with
 * the reason; decoding never throws on reader input.
 */
public final class Epc {

    static final int SGTIN_96_HEADER = 0x30;
    static final int SGTIN_198_HEADER = 0x36;

    /** Partition value → {company prefix bits, company prefix digits, item reference bits, item reference digits}. */
    private static final int[][] PARTITIONS = {
            {40, 12, 4, 1}, {37, 11, 7, 2}, {34, 10, 10, 3}, {30, 9, 14, 4}, {27, 8, 17, 5}, {24, 7, 20, 6},
            {20, 6, 24, 7}};

    private static final int SGTIN_198_BITS = 198;
    private static final int SGTIN_198_SERIAL_CHARS = 20;
    private static final long SGTIN_96_MAX_SERIAL = (1L << 38) - 1;
    /** 10^0 … 10^12: the bounds of company prefixes and item references by their digits. */
    private static final long[] POWERS_OF_TEN = java.util.stream.LongStream.iterate(1, v -> v * 10).limit(13).toArray();

    private Epc() {
    }

    /** Decodes an EPC given in hex (any case; surrounding spaces, dashes and colons between bytes ignored). */
    public static EpcDecoding decode(String hex) {
        if (hex == null) {
            return new Undecodable("", "no EPC");
        }
        String epc = normalise(hex);
        if (epc.isEmpty() || !isHex(epc)) {
            return new Undecodable(epc, Undecodable.NOT_HEX);
        }
        int header = epc.length() >= 2 ? Integer.parseInt(epc, 0, 2, 16) : -1;
        if (header == SGTIN_96_HEADER) {
            return epc.length() == 24 ? sgtin96(epc) : new Undecodable(epc, "SGTIN-96 must be 96 bits, was " + epc.length() * 4);
        }
        if (header == SGTIN_198_HEADER) {
            return epc.length() * 4 >= SGTIN_198_BITS && epc.length() <= 52
                    ? sgtin198(epc) : new Undecodable(epc, "SGTIN-198 must be 198 bits (52 hex digits with padding)");
        }
        if (epc.chars().allMatch(c -> c == '0')) {
            return new Undecodable(epc, "unprogrammed tag (all zeros)");
        }
        return new Undecodable(epc, "header 0x" + epc.substring(0, Math.min(2, epc.length())) + " is not an SGTIN");
    }

    /**
     * 96 bits held in two longs (the top 32, the low 64): this runs for every new tag a portal sees, and
     * BigInteger arithmetic cost a tenth of the service's CPU there. Layout: header 8, filter 3, partition 3,
     * company prefix and item reference 44 together, serial 38.
     */
    private static EpcDecoding sgtin96(String epc) {
        long high = Long.parseUnsignedLong(epc, 0, 8, 16);
        long low = Long.parseUnsignedLong(epc, 8, 24, 16);
        int filter = (int) (high >>> 21) & 0b111;
        int partition = (int) (high >>> 18) & 0b111;
        if (partition > 6) {
            return new Undecodable(epc, "partition " + partition + " is reserved");
        }
        int[] p = PARTITIONS[partition];
        long prefixAndItem = (high & ((1L << 18) - 1)) << 26 | low >>> 38;
        long prefix = prefixAndItem >>> p[2];
        long item = prefixAndItem & ((1L << p[2]) - 1);
        long serial = low & SGTIN_96_MAX_SERIAL;
        return identity(epc, "sgtin-96", filter, prefix, p[1], item, p[3], Long.toString(serial));
    }

    private static EpcDecoding sgtin198(String epc) {
        BigInteger value = new BigInteger(epc, 16).shiftRight(epc.length() * 4 - SGTIN_198_BITS);
        Bits bits = new Bits(value, SGTIN_198_BITS);
        bits.take(8);
        int filter = (int) bits.take(3);
        int partition = (int) bits.take(3);
        if (partition > 6) {
            return new Undecodable(epc, "partition " + partition + " is reserved");
        }
        int[] p = PARTITIONS[partition];
        long prefix = bits.take(p[0]);
        long item = bits.take(p[2]);
        StringBuilder serial = new StringBuilder();
        boolean ended = false;
        for (int i = 0; i < SGTIN_198_SERIAL_CHARS; i++) {
            int c = (int) bits.take(7);
            if (c == 0) {
                ended = true;
            } else if (ended) {
                return new Undecodable(epc, "serial has characters after its terminator");
            } else if (!Gs1.isCharacterSet82(String.valueOf((char) c))) {
                return new Undecodable(epc, "serial character 0x" + Integer.toHexString(c) + " is not allowed");
            } else {
                serial.append((char) c);
            }
        }
        if (serial.isEmpty()) {
            return new Undecodable(epc, "SGTIN-198 with an empty serial");
        }
        return identity(epc, "sgtin-198", filter, prefix, p[1], item, p[3], serial.toString());
    }

    private static EpcDecoding identity(String epc, String scheme, int filter, long prefix, int prefixDigits,
                                        long item, int itemDigits, String serial) {
        if (prefix >= POWERS_OF_TEN[prefixDigits]) {
            return new Undecodable(epc, "company prefix " + prefix + " has more than " + prefixDigits + " digits");
        }
        if (item >= POWERS_OF_TEN[itemDigits]) {
            return new Undecodable(epc, "item reference " + item + " has more than " + itemDigits + " digits");
        }
        // the GTIN-14 written in place (this runs for every new tag): the indicator digit (the item reference's
        // first), the company prefix, the rest of the item reference, the check digit
        char[] gtin = new char[14];
        long indicatorUnit = POWERS_OF_TEN[itemDigits - 1];
        gtin[0] = (char) ('0' + item / indicatorUnit);
        digits(gtin, 1, prefix, prefixDigits);
        digits(gtin, 1 + prefixDigits, item % indicatorUnit, itemDigits - 1);
        gtin[13] = (char) ('0' + Gs1.checkDigit(CharBuffer.wrap(gtin, 0, 13)));
        String companyPrefix = new String(gtin, 1, prefixDigits);
        String itemReference = gtin[0] + new String(gtin, 1 + prefixDigits, itemDigits - 1);
        return new Sgtin(epc, scheme, filter, companyPrefix, itemReference, serial, new String(gtin));
    }

    /** SGTIN-96 EPC in hex; the serial must be a number below 2^38 without leading zeros. */
    public static String encodeSgtin96(int filter, String companyPrefix, String itemReference, String serial) {
        int partition = partitionOf(companyPrefix, itemReference);
        if (!serial.matches("0|[1-9][0-9]*") || new BigInteger(serial).compareTo(BigInteger.valueOf(SGTIN_96_MAX_SERIAL)) > 0) {
            throw new IllegalArgumentException("SGTIN-96 serial must be a number up to 2^38-1 without leading zeros: " + serial);
        }
        int[] p = PARTITIONS[partition];
        BigInteger v = header(SGTIN_96_HEADER, filter, partition, companyPrefix, p[0], itemReference, p[2])
                .shiftLeft(38).or(new BigInteger(serial));
        return String.format("%024X", v);
    }

    /** SGTIN-198 EPC in hex, padded to 208 bits (13 words) as tag memory holds it. */
    public static String encodeSgtin198(int filter, String companyPrefix, String itemReference, String serial) {
        int partition = partitionOf(companyPrefix, itemReference);
        if (serial.isEmpty() || serial.length() > SGTIN_198_SERIAL_CHARS
                || !Gs1.isCharacterSet82(serial)) {
            throw new IllegalArgumentException("SGTIN-198 serial must be 1–20 GS1 characters: " + serial);
        }
        int[] p = PARTITIONS[partition];
        BigInteger v = header(SGTIN_198_HEADER, filter, partition, companyPrefix, p[0], itemReference, p[2]);
        for (int i = 0; i < SGTIN_198_SERIAL_CHARS; i++) {
            v = v.shiftLeft(7).or(BigInteger.valueOf(i < serial.length() ? serial.charAt(i) : 0));
        }
        return String.format("%052X", v.shiftLeft(208 - SGTIN_198_BITS));
    }

    private static BigInteger header(int header, int filter, int partition, String prefix, int prefixBits,
                                     String item, int itemBits) {
        if (filter < 0 || filter > 7) {
            throw new IllegalArgumentException("filter must be 0–7: " + filter);
        }
        return BigInteger.valueOf(header)
                .shiftLeft(3).or(BigInteger.valueOf(filter))
                .shiftLeft(3).or(BigInteger.valueOf(partition))
                .shiftLeft(prefixBits).or(new BigInteger(prefix))
                .shiftLeft(itemBits).or(new BigInteger(item));
    }

    private static int partitionOf(String companyPrefix, String itemReference) {
        if (!companyPrefix.matches("[0-9]{6,12}") || !itemReference.matches("[0-9]+")
                || companyPrefix.length() + itemReference.length() != 13) {
            throw new IllegalArgumentException("company prefix (6–12 digits) and indicator/item reference must make 13 digits");
        }
        return 12 - companyPrefix.length();
    }

    /**
     * Upper-case hex without separators. Readers send plain hex almost always, so that case costs one
     * scan of the string: this runs for every raw read, a hundred thousand times a second.
     */
    public static String normalise(String hex) {
        boolean plain = true;
        for (int i = 0; i < hex.length() && plain; i++) {
            char c = hex.charAt(i);
            plain = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
        }
        return plain ? hex : hex.replaceAll("[\\s:-]", "").toUpperCase(Locale.ROOT);
    }

    /** True for a non-empty string of upper-case hex digits, as {@link #normalise} returns for a real EPC. */
    public static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** Escapes the characters the EPC URI syntax reserves, as the Tag Data Standard requires. */
    static String escapeUri(String serial) {
        StringBuilder out = new StringBuilder(serial.length());
        for (char c : serial.toCharArray()) {
            if ("\"%&/<>?".indexOf(c) >= 0) {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] out, int at, long value, int width) {
        long rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** Reads fixed-width fields from the most significant bit down. */
    private static final class Bits {
        private final BigInteger value;
        private int remaining;

        Bits(BigInteger value, int width) {
            this.value = value;
            this.remaining = width;
        }

        long take(int width) {
            remaining -= width;
            return value.shiftRight(remaining).and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).longValue();
        }
    }
}
