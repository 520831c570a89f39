package com.stockcount.scaningest.rfid;

/** A tag read whose EPC is not an SGTIN this system can decode: kept (a count shows it as unmatched), never dropped. */
public record Undecodable(String epcHex, String reason) implements EpcDecoding {

    /** The reason of a value that is not an EPC at all: callers reject it rather than keep it. */
    public static final String NOT_HEX = "not hexadecimal";
}
