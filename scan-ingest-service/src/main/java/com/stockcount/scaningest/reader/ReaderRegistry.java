package com.stockcount.scaningest.reader;

import java.util.Optional;

/** Where reader setups and session bindings are kept. Lookups run for every batch: implementations cache. */
public interface ReaderRegistry {

    Optional<ReaderSetup> find(String readerId);
}
