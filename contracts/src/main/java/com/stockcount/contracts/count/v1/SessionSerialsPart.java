package com.stockcount.contracts.count.v1;

import com.stockcount.contracts.Require;
import java.util.List;

/**
 * One slice of the serialized units of a completed session's SERIAL and RFID lines (seen and
 * expected). Topic {@code count.session.v1}, key: session id. Published, like the
 * {@link SessionResultPart}s, before the {@link SessionCompleted} of the same revision, which says how
 * many there are: a 200,000-EPC session is 100 parts of about 150 kB, never one huge message.
 */
public record SessionSerialsPart(
        String sessionId,
        String countId,
        int revision,
        int part,
        int parts,
        List<LineSerial> serials) {

    public static final String TYPE = "SessionSerialsPart";
    public static final int VERSION = 1;
    public static final int MAX_SERIALS = 2_000;

    public SessionSerialsPart {
        Require.text(sessionId, "sessionId");
        Require.text(countId, "countId");
        Require.revision(revision);
        serials = Require.slice(part, parts, serials, MAX_SERIALS, "serials");
    }

    public String eventId() {
        return sessionId + ":" + revision + ":serials:" + part;
    }
}
