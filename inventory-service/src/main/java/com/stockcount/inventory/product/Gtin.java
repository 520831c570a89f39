package com.stockcount.inventory.product;

import java.util.Optional;

/**
 * GS1 trade item numbers. A GTIN-8, UPC-A (12), EAN-13 and GTIN-14 are the same number space once
 * left-padded to 14 digits, so every GTIN is stored and compared in its GTIN-14 form.
 */
public final class Gtin {

    private Gtin() {
    }

    /** The GTIN-14 form, or empty when the code is not 8, 12, 13 or 14 digits with a valid check digit. */
    public static Optional<String> normalize(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String digits = code.strip();
        int length = digits.length();
        if ((length != 8 && length != 12 && length != 13 && length != 14) || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        String gtin14 = "0".repeat(14 - length) + digits;
        return checkDigit(gtin14.substring(0, 13)) == gtin14.charAt(13) - '0' ? Optional.of(gtin14) : Optional.empty();
    }

    /** GS1 mod-10: weights 3,1,3,… from the rightmost data digit. */
    static int checkDigit(String data) {
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            int digit = data.charAt(data.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10;
    }
}
