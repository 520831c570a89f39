package com.stockcount.contracts;

/** Kafka header names carried by every published event, and by dead-lettered records. */
public final class EventHeaders {

    public static final String EVENT_ID = "event-id";
    /** Simple name of the contract record, e.g. {@code SessionCompleted}. */
    public static final String EVENT_TYPE = "event-type";
    /** Major version of the contract, matching the topic's {@code v<major>}. */
    public static final String SCHEMA_VERSION = "schema-version";
    /** ISO-8601 instant at which the fact happened (not when it was published). */
    public static final String OCCURRED_AT = "occurred-at";
    public static final String CORRELATION_ID = "correlation-id";

    public static final String DLT_REASON = "dlt-reason";
    public static final String DLT_SOURCE_TOPIC = "dlt-source-topic";
    public static final String DLT_SOURCE_PARTITION = "dlt-source-partition";
    public static final String DLT_SOURCE_OFFSET = "dlt-source-offset";
    public static final String DLT_CONSUMER_GROUP = "dlt-consumer-group";

    private EventHeaders() {
    }
}
