package com.stockcount.scaningest.barcode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes what a handheld scanner sends for a product barcode into a {@link DecodedBarcode}:
 * <ul>
 *   <li>a bare GTIN: UPC-A (12 digits), EAN-13, EAN-8 or GTIN-14, check digit verified;</li>
 *   <li>a GS1 element string in human-readable form, {@code (01)09506000134352(21)ABC};</li>
 *   <li>a GS1 element string as the scanner transmits it: an optional symbology identifier
 *       ({@code ]C1} GS1-128, {@code ]d2} GS1 DataMatrix, {@code ]Q3} GS1 QR, {@code ]e0} GS1 DataBar,
 *       {@code ]J1} GS1 DotCode), then elements with variable-length ones ended by ASCII 29 (GS).</li>
 * </ul>
 * Read elements: (01) GTIN, (10) lot, (21) serial, (17) expiry, and the other dates (11), (13), (15),
 * (16), which are checked and ignored. Any other AI is refused: in a raw string its length is
 * unknown, so nothing after it could be trusted. An 8-digit code is read as EAN-8, never as UPC-E.
 */
public final class BarcodeDecoder {

    private static final Set<String> ELEMENT_STRING_SYMBOLOGIES = Set.of("]C1", "]d2", "]Q3", "]e0", "]J1");
    /** EAN/UPC and ITF-14 (with check digit) identifiers: the data is a bare GTIN. */
    private static final Set<String> GTIN_SYMBOLOGIES = Set.of("]E0", "]E4", "]I1");
    private static final Set<Integer> GTIN_LENGTHS = Set.of(8, 12, 13, 14);
    private static final int MAX_AI_LENGTH = 4;

    private enum Format { GTIN, DATE, TEXT }

    private record Ai(String code, Format format, int length) {
        boolean fixed() {
            return format != Format.TEXT;
        }
    }

    private static final Map<String, Ai> AIS = Map.of(
            "01", new Ai("01", Format.GTIN, 14),
            "10", new Ai("10", Format.TEXT, 20),
            "11", new Ai("11", Format.DATE, 6),
            "13", new Ai("13", Format.DATE, 6),
            "15", new Ai("15", Format.DATE, 6),
            "16", new Ai("16", Format.DATE, 6),
            "17", new Ai("17", Format.DATE, 6),
            "21", new Ai("21", Format.TEXT, 20));

    private final Clock clock;

    /** @param clock the current year decides the century of a two-digit GS1 year */
    public BarcodeDecoder(Clock clock) {
        this.clock = clock;
    }

    public DecodedBarcode decode(String scanned) {
        String code = trimLineEnds(scanned);
        if (code.isEmpty()) {
            throw new InvalidBarcodeException(BarcodeError.UNRECOGNIZED_FORMAT, "empty code");
        }
        if (code.charAt(0) == ']') {
            return decodeWithSymbology(code);
        }
        if (code.charAt(0) == '(') {
            return fromElements(humanReadableElements(code));
        }
        if (code.indexOf(Gs1.GS) >= 0) {
            return fromElements(rawElements(code));
        }
        if (Gs1.isDigits(code) && GTIN_LENGTHS.contains(code.length())) {
            return DecodedBarcode.gtinOnly(gtin(code));
        }
        if (code.length() >= 16 && code.startsWith("01")) {
            return fromElements(rawElements(code));
        }
        if (Gs1.isDigits(code)) {
            throw new InvalidBarcodeException(BarcodeError.INVALID_LENGTH,
                    "a GTIN has 8, 12, 13 or 14 digits, this code has " + code.length());
        }
        throw new InvalidBarcodeException(BarcodeError.UNRECOGNIZED_FORMAT, "not a GTIN or a GS1 element string");
    }

    private DecodedBarcode decodeWithSymbology(String code) {
        String symbology = code.length() >= 3 ? code.substring(0, 3) : code;
        String data = code.substring(symbology.length());
        if (ELEMENT_STRING_SYMBOLOGIES.contains(symbology)) {
            return fromElements(rawElements(data));
        }
        if (GTIN_SYMBOLOGIES.contains(symbology)) {
            if (!Gs1.isDigits(data) || !GTIN_LENGTHS.contains(data.length())) {
                throw new InvalidBarcodeException(BarcodeError.INVALID_LENGTH,
                        "symbology " + symbology + " must carry a GTIN of 8, 12, 13 or 14 digits");
            }
            return DecodedBarcode.gtinOnly(gtin(data));
        }
        throw new InvalidBarcodeException(BarcodeError.UNSUPPORTED_SYMBOLOGY,
                "symbology identifier " + symbology + " carries no GTIN or GS1 data");
    }

    /** A GTIN of any length with a valid check digit, as GTIN-14. */
    private static String gtin(String digits) {
        if (!Gs1.hasValidCheckDigit(digits)) {
            String body = digits.substring(0, digits.length() - 1);
            throw new InvalidBarcodeException(BarcodeError.INVALID_CHECK_DIGIT,
                    "check digit of " + digits + " should be " + Gs1.checkDigit(body));
        }
        return "0".repeat(14 - digits.length()) + digits;
    }

    /** {@code (01)…(21)…}: parentheses delimit every AI, so no element needs a separator. */
    private static Map<String, String> humanReadableElements(String code) {
        Map<String, String> elements = new LinkedHashMap<>();
        int p = 0;
        while (p < code.length()) {
            if (code.charAt(p) != '(') {
                throw new InvalidBarcodeException(BarcodeError.MALFORMED_ELEMENT, "expected '(' at position " + p);
            }
            int close = code.indexOf(')', p);
            if (close < 0) {
                throw new InvalidBarcodeException(BarcodeError.MALFORMED_ELEMENT, "unclosed '(' at position " + p);
            }
            String aiCode = code.substring(p + 1, close);
            if (!Gs1.isDigits(aiCode) || aiCode.length() < 2 || aiCode.length() > MAX_AI_LENGTH) {
                throw new InvalidBarcodeException(BarcodeError.MALFORMED_ELEMENT,
                        "'" + aiCode + "' is not an application identifier");
            }
            Ai ai = supported(aiCode);
            int next = code.indexOf('(', close + 1);
            int end = next < 0 ? code.length() : next;
            put(elements, ai, code.substring(close + 1, end));
            p = end;
        }
        return elements;
    }

    /** A raw element string: fixed-length elements run on, variable-length ones end at GS or the end. */
    private static Map<String, String> rawElements(String data) {
        Map<String, String> elements = new LinkedHashMap<>();
        int p = 0;
        while (p < data.length()) {
            if (data.charAt(p) == Gs1.GS) {
                p++;
                continue;
            }
            if (p + 2 > data.length()) {
                throw new InvalidBarcodeException(BarcodeError.MALFORMED_ELEMENT,
                        "dangling characters at position " + p);
            }
            Ai ai = supported(data.substring(p, p + 2));
            p += 2;
            int end;
            if (ai.fixed()) {
                end = p + ai.length();
                if (end > data.length()) {
                    throw new InvalidBarcodeException(BarcodeError.MALFORMED_ELEMENT,
                            "(" + ai.code() + ") needs " + ai.length() + " characters, found " + (data.length() - p));
                }
            } else {
                int gs = data.indexOf(Gs1.GS, p);
                end = gs < 0 ? data.length() : gs;
            }
            put(elements, ai, data.substring(p, end));
            p = end;
        }
        return elements;
    }

    private static Ai supported(String aiCode) {
        Ai ai = AIS.get(aiCode);
        if (ai == null) {
            throw new InvalidBarcodeException(BarcodeError.UNSUPPORTED_AI,
                    "application identifier (" + aiCode + ") is not supported; readable: (01) (10) (11) (13) (15) (16) (17) (21)");
        }
        return ai;
    }

    private static void put(Map<String, String> elements, Ai ai, String value) {
        if (elements.containsKey(ai.code())) {
            throw new InvalidBarcodeException(BarcodeError.DUPLICATE_AI, "(" + ai.code() + ") appears twice");
        }
        boolean wellFormed = switch (ai.format()) {
            case GTIN, DATE -> value.length() == ai.length() && Gs1.isDigits(value);
            case TEXT -> !value.isEmpty() && value.length() <= ai.length() && Gs1.isCharacterSet82(value);
        };
        if (!wellFormed) {
            String expected = ai.fixed() ? ai.length() + " digits" : "1 to " + ai.length() + " GS1 characters";
            throw new InvalidBarcodeException(BarcodeError.MALFORMED_ELEMENT,
                    "(" + ai.code() + ") must be " + expected + ", was '" + value + "'");
        }
        elements.put(ai.code(), value);
    }

    private DecodedBarcode fromElements(Map<String, String> elements) {
        String gtin = elements.get("01");
        if (gtin == null) {
            throw new InvalidBarcodeException(BarcodeError.MISSING_GTIN, "element string has no (01) GTIN");
        }
        Optional<LocalDate> expiry = Optional.empty();
        for (Map.Entry<String, String> e : elements.entrySet()) {
            if (AIS.get(e.getKey()).format() == Format.DATE) {
                LocalDate date = date(e.getKey(), e.getValue());
                if (e.getKey().equals("17")) {
                    expiry = Optional.of(date);
                }
            }
        }
        return new DecodedBarcode(gtin(gtin), Optional.ofNullable(elements.get("21")),
                Optional.ofNullable(elements.get("10")), expiry);
    }

    /**
     * A GS1 YYMMDD date. The century follows GS1's sliding window around the current year (up to 49
     * years back, 50 ahead); day 00 means the last day of the month.
     */
    private LocalDate date(String ai, String yymmdd) {
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        int currentYear = LocalDate.now(clock).getYear();
        int century = currentYear / 100 * 100;
        int diff = yy - currentYear % 100;
        if (diff >= 51) {
            century -= 100;
        } else if (diff <= -50) {
            century += 100;
        }
        try {
            YearMonth yearMonth = YearMonth.of(century + yy, month);
            return day == 0 ? yearMonth.atEndOfMonth() : yearMonth.atDay(day);
        } catch (DateTimeException e) {
            throw new InvalidBarcodeException(BarcodeError.INVALID_DATE, "(" + ai + ") " + yymmdd + " is not a date");
        }
    }

    /** Scanners in keyboard mode often append CR/LF or a tab; GS must survive, so no {@code strip()}. */
    private static String trimLineEnds(String code) {
        int start = 0;
        int end = code.length();
        while (start < end && " \r\n\t".indexOf(code.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \r\n\t".indexOf(code.charAt(end - 1)) >= 0) {
            end--;
        }
        return code.substring(start, end);
    }
}
