package com.stockcount.scaningest.rfid;

/**
 * A decoded SGTIN: the trade item (GTIN-14) and its serial, as an SGTIN-96 or SGTIN-198 tag carries them.
 *
 * @param scheme          {@code sgtin-96} or {@code sgtin-198}
 * @param filter          filter value (1: point-of-sale item, 2: full case, …)
 * @param companyPrefix   GS1 company prefix, 6–12 digits
 * @param itemReference   indicator digit followed by the item reference, 13 − prefix digits
 * @param serial          serial number (digits for SGTIN-96; up to 20 characters for SGTIN-198)
 * @param gtin            GTIN-14 with its check digit
 */
public record Sgtin(String epcHex, String scheme, int filter, String companyPrefix, String itemReference,
                    String serial, String gtin) implements EpcDecoding {

    /** The pure-identity URI, e.g. {@code urn:epc:id:sgtin:0614141.812345.6789}. */
    public String pureIdentityUri() {
        return "urn:epc:id:sgtin:" + companyPrefix + "." + itemReference + "." + Epc.escapeUri(serial);
    }
}
