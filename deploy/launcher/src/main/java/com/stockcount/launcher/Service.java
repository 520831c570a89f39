package com.stockcount.launcher;

import java.util.Optional;

/** The four services, in the order they start: inventory first, since count reads it. */
public enum Service {
    INVENTORY("inventory-service", 1, "inventory"),
    COUNT("count-service", 2, "count"),
    SCAN_INGEST("scan-ingest-service", 3, "scaningest"),
    RECONCILIATION("reconciliation-service", 4, "reconciliation");

    private final String module;
    private final int portOffset;
    private final String database;

    Service(String module, int portOffset, String database) {
        this.module = module;
        this.portOffset = portOffset;
        this.database = database;
    }

    public String module() {
        return module;
    }

    int portOffset() {
        return portOffset;
    }

    /** Each service owns one database (scan-ingest keeps its reader registry and bindings there). */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }
}
