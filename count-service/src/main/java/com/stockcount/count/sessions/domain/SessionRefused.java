package com.stockcount.count.sessions.domain;

/** A business rule of the session said no; the message tells the user what to do instead. */
public class SessionRefused extends RuntimeException {

    public SessionRefused(String message) {
        super(message);
    }
}
