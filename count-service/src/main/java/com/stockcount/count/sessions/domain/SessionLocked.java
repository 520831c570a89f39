package com.stockcount.count.sessions.domain;

import java.time.Instant;

/** Someone else works the session: the message names the holder and until when the lock lasts unless renewed. */
public class SessionLocked extends SessionRefused {

    private final String holder;

    public SessionLocked(String holder, Instant expiresAt) {
        super("session is locked by " + holder + " until " + expiresAt + " unless renewed");
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
