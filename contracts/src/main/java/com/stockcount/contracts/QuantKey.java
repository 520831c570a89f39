package com.stockcount.contracts;

/**
 * The natural key of a quant across services: one product in one bin of one site, and one lot for
 * LOT products. Used as the Kafka key of adjustment requests and ledger entries so that everything
 * about one quant stays ordered on one partition.
 */
public record QuantKey(String siteCode, String binCode, String sku, String lot) {

    /** The lot of a quant that is not lot-tracked. */
    public static final String NO_LOT = "";

    public QuantKey {
        Require.text(siteCode, "siteCode");
        Require.text(binCode, "binCode");
        Require.text(sku, "sku");
        lot = lot == null ? NO_LOT : lot;
    }

    /** {@code site/bin/sku/lot}: stable, readable, and the Kafka record key. */
    public String asString() {
        return siteCode + "/" + binCode + "/" + sku + "/" + lot;
    }
}
