package com.stockcount.reconciliation;

import com.stockcount.contracts.Topics;
import com.stockcount.contracts.count.v1.CountedLine;
import com.stockcount.contracts.count.v1.SessionCompleted;
import com.stockcount.contracts.count.v1.SessionDiscarded;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.platform.kafka.EventRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A completed session as count-service publishes it: result parts, then SessionCompleted. */
record SessionFixture(String sessionId, String countId, String site, int revision, List<CountedLine> lines) {

    static final Instant COUNTED_AT = Instant.parse("2025-11-20T10:15:30Z");
    static final Instant COMPLETED_AT = Instant.parse("2025-11-20T11:00:00Z");

    static SessionFixture of(List<CountedLine> lines) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new SessionFixture("session-" + unique, "count-" + unique, "SITE-" + unique, 1, lines);
    }

    /** The same session re-opened and completed again with a new result. */
    SessionFixture recompleted(List<CountedLine> newLines) {
        return new SessionFixture(sessionId, countId, site, revision + 1, newLines);
    }

    static CountedLine line(String lineId, String sku, String bin, long system, long counted, String unitCost) {
        return new CountedLine(lineId, "quant-" + lineId, sku, bin, null, "BULK", system, counted, COUNTED_AT,
                unitCost == null ? null : new BigDecimal(unitCost));
    }

    List<SessionResultPart> parts() {
        int parts = (lines.size() + SessionResultPart.MAX_LINES - 1) / SessionResultPart.MAX_LINES;
        List<SessionResultPart> result = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            List<CountedLine> slice = lines.subList(p * SessionResultPart.MAX_LINES,
                    Math.min(lines.size(), (p + 1) * SessionResultPart.MAX_LINES));
            result.add(new SessionResultPart(sessionId, countId, revision, p, parts, slice));
        }
        return result;
    }

    SessionCompleted completed() {
        return completed(parts().size(), lines.size());
    }

    SessionCompleted completed(int parts, int countedLines) {
        return new SessionCompleted(sessionId, countId, site, "Bin A-01", "HARD", revision, COMPLETED_AT,
                "associate-7", countedLines, parts, 0, 0);
    }

    /** Every record of the session, in publishing order. */
    List<ProducerRecord<String, byte[]>> records() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        parts().forEach(p -> records.add(record(p.eventId(), SessionResultPart.TYPE, 1, p)));
        SessionCompleted completed = completed();
        records.add(record(completed.eventId(), SessionCompleted.TYPE, 1, completed));
        return records;
    }

    ProducerRecord<String, byte[]> record(String eventId, String type, int version, Object payload) {
        return EventRecords.event(Topics.COUNT_SESSION, sessionId, eventId, type, version, COMPLETED_AT, null, payload);
    }

    ProducerRecord<String, byte[]> rawRecord(String eventId, String type, int version, byte[] payload) {
        return EventRecords.eventBytes(Topics.COUNT_SESSION, sessionId, eventId, type, version, COMPLETED_AT, null,
                payload);
    }

    /** Another session of the same count (a second associate, another area). */
    SessionFixture sibling(List<CountedLine> otherLines) {
        return new SessionFixture("session-" + UUID.randomUUID().toString().substring(0, 8), countId, site, 1,
                otherLines);
    }

    ProducerRecord<String, byte[]> discarded(int lastCompletedRevision) {
        SessionDiscarded d = new SessionDiscarded(sessionId, countId, site, COMPLETED_AT.plusSeconds(60), "manager-1",
                lastCompletedRevision);
        return record(d.eventId(), SessionDiscarded.TYPE, 1, d);
    }

    /** The id of the count's {@code version}-th request for the quant of {@code sku} in {@code bin}. */
    String requestId(String bin, String sku, int version) {
        // spelled out here, not taken from the code under test: the id is part of the contract with inventory
        return UUID.nameUUIDFromBytes((countId + ":" + site + "/" + bin + "/" + sku + "/:" + version)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
