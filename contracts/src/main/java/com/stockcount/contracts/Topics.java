package com.stockcount.contracts;

/**
 * Every Kafka topic that crosses a service boundary. A topic is {@code <context>.<entity>.v<major>};
 * its key is the id of the entity whose events must stay in order (a session, a quant).
 */
public final class Topics {

    /** Scans and tag reads, keyed by session id. Producer: scan-ingest. Consumer: count. */
    public static final String SCAN_OBSERVATION = "scan.observation.v1";

    /** Public session events (result parts, then SessionCompleted), keyed by session id. Producer: count. */
    public static final String COUNT_SESSION = "count.session.v1";

    /** Stock adjustments to apply, keyed by quant key. Producer: reconciliation. Consumer: inventory. */
    public static final String INVENTORY_ADJUSTMENT_REQUEST = "inventory.adjustment-request.v1";

    /** Every ledger entry of inventory, keyed by quant key. Producer: inventory. */
    public static final String INVENTORY_LEDGER = "inventory.ledger.v1";

    private Topics() {
    }

    /** Where a consumer of {@code topic} parks a record it can never process, with the reason in headers. */
    public static String deadLetterOf(String topic) {
        return topic + ".dlt";
    }
}
