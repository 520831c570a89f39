package com.stockcount.count.sessions.domain;

/** A UPC-A (12), EAN-13 or GTIN-14 is the same GTIN-14 with leading zeros; lines and scans meet on that form. */
public final class Gtin {

    private static final int LENGTH = 14;

    private Gtin() {
    }

    public static String normalize(String code) {
        String digits = code.strip();
        return digits.length() >= LENGTH ? digits : "0".repeat(LENGTH - digits.length()) + digits;
    }
}
