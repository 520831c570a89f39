package com.stockcount.platform.kafka;

/**
 * Thrown by a {@link RecordHandler} for a record that no retry can ever process (malformed, unknown
 * schema version, violates the contract). The consumer parks it on the dead-letter topic with this
 * message as the reason and goes on with the next record.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
