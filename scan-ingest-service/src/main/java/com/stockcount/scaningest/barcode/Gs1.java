package com.stockcount.scaningest.barcode;

/** GS1 arithmetic shared by the decoders: the mod-10 check digit of every GTIN and the AI character set. */
public final class Gs1 {

    /** ASCII 29, the group separator that stands for FNC1 between variable-length elements of a raw string. */
    public static final char GS = '\u001D';

    private Gs1() {
    }

    /**
     * The GS1 mod-10 check digit of {@code digitsWithoutCheck}: from the right, weights 3, 1, 3, 1…,
     * the check digit brings the weighted sum up to a multiple of ten. Valid for every GTIN length.
     */
    public static int checkDigit(CharSequence digitsWithoutCheck) {
        int sum = 0;
        int weight = 3;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            sum += (digitsWithoutCheck.charAt(i) - '0') * weight;
            weight = 4 - weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when the last digit of {@code digits} is the check digit of the ones before it. */
    public static boolean hasValidCheckDigit(String digits) {
        int last = digits.charAt(digits.length() - 1) - '0';
        return checkDigit(digits.substring(0, digits.length() - 1)) == last;
    }

    public static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** GS1 AI encodable character set 82: what a lot or serial may contain. */
    public static boolean isCharacterSet82(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "!\"%&'()*+,-./:;<=>?_".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
