package com.stockcount.scaningest.reader;

/** The body as a whole cannot be read (not JSON, empty, wrong shape): nothing of it was taken. */
public class MalformedBodyException extends RuntimeException {

    public MalformedBodyException(String message) {
        super(message);
    }
}
