package com.stockcount.count.sessions.domain;

/** The session has no line with this id. */
public class UnknownLine extends RuntimeException {

    public UnknownLine(String sessionId, String lineId) {
        super("session " + sessionId + " has no line " + lineId);
    }
}
