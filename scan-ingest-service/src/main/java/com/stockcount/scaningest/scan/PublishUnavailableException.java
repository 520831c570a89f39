package com.stockcount.scaningest.scan;

import java.time.Duration;

/**
 * The observations of a batch could not all be stored in time. Nothing may be assumed about which
 * ones were: the device sends the same batch again later, and the stable observation ids make that
 * retry safe.
 */
public class PublishUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public PublishUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
