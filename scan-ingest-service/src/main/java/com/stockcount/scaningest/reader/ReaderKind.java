package com.stockcount.scaningest.reader;

/** A fixed reader (portal, overhead, shelf) with antennas, or a handheld sled. */
public enum ReaderKind {
    READER,
    HANDHELD
}
