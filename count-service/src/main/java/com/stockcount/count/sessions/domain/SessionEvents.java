package com.stockcount.count.sessions.domain;

import static com.stockcount.count.counts.domain.Text.present;
import static com.stockcount.count.counts.domain.Text.required;

import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.count.counts.domain.CountType;
import java.time.Instant;
import java.util.List;

/**
 * The facts of a session, internal to count-service (the publisher maps the result events to the
 * public contract). Large content is always split over several events: no event carries more than
 * {@link SessionAggregate#SNAPSHOT_CHUNK} snapshot lines or one result part.
 */
public final class SessionEvents {

    private SessionEvents() {
    }

    /**
     * @param lineCount lines that follow in {@link LinesSnapshotted} events
     * @param area      the area the session covers, {@code null} when none was chosen
     * @param plannedStart when counting may start without the pre-start permission ({@code null} in sessions
     *                     created before it was recorded: no restriction)
     */
    public record SessionCreated(
            String sessionId,
            String countId,
            String site,
            String name,
            CountType countType,
            String bin,
            Instant createdAt,
            int lineCount,
            String area,
            Instant plannedStart,
            List<String> directed) {

        public SessionCreated {
            required(sessionId, "sessionId");
            required(countId, "countId");
            required(site, "site");
            required(name, "name");
            present(countType, "countType");
            present(createdAt, "createdAt");
            directed = directed == null ? List.of() : List.copyOf(directed);
        }
    }

    public record LinesSnapshotted(String sessionId, int chunk, List<SnapshotLine> lines) {

        public LinesSnapshotted {
            required(sessionId, "sessionId");
            lines = List.copyOf(present(lines, "lines"));
        }
    }

    /** A line added while counting, for a product found where the books had none (its quant id is {@code null}). */
    public record LineAdded(String sessionId, SnapshotLine line, Instant addedAt, String addedBy) {

        public LineAdded {
            required(sessionId, "sessionId");
            present(line, "line");
            present(addedAt, "addedAt");
            required(addedBy, "addedBy");
        }
    }

    public record CountingStarted(String sessionId, Instant startedAt) {

        public CountingStarted {
            required(sessionId, "sessionId");
            present(startedAt, "startedAt");
        }
    }

    public record LineCounted(String sessionId, String lineId, long countedQuantity, Instant countedAt) {

        public LineCounted {
            required(sessionId, "sessionId");
            required(lineId, "lineId");
            present(countedAt, "countedAt");
        }
    }

    public record LineCleared(String sessionId, String lineId) {

        public LineCleared {
            required(sessionId, "sessionId");
            required(lineId, "lineId");
        }
    }

    /**
     * A scan added one unit to a line; {@code countedQuantity} is the line's new total.
     *
     * @param category COUNTED, or UNDIRECTED for a product of a DIRECTED count that is not on its list
     * @param serial   serial decoded from the scan, or {@code null}
     * @param epc      the EPC (hex) of an RFID read, or {@code null}
     */
    public record ScanCounted(String sessionId, String observationId, String lineId, long countedQuantity,
                              Instant countedAt, String category, String kind, String code, String gtin,
                              String serial, String epc) {

        public ScanCounted {
            required(category, "category");
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            required(lineId, "lineId");
            present(countedAt, "countedAt");
        }
    }

    /** A scan that matches no line of the session; kept so that someone can match or dismiss it. */
    public record ScanUnmatched(String sessionId, String observationId, String kind, String code, String gtin,
                                String bin, Instant observedAt, String reason) {

        public ScanUnmatched {
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            required(code, "code");
            present(observedAt, "observedAt");
            required(reason, "reason");
        }
    }

    /**
     * The outcomes of scans applied together, in their order: at most {@link SessionAggregate#SCAN_CHUNK} per event,
     * so a 200,000-tag session has hundreds of events, not 200,000 (it replaces one {@link ScanCounted},
     * {@link ScanUnmatched} or {@link CurrentBinSet} per scan, which older streams still hold). A scan that changed
     * nothing (a serial or tag already counted) has no outcome.
     */
    public record ScansRecorded(String sessionId, List<ScanOutcome> scans) {

        public ScansRecorded {
            required(sessionId, "sessionId");
            scans = List.copyOf(present(scans, "scans"));
        }
    }

    /**
     * What one scan did. {@code category} is {@link SessionAggregate#COUNTED} or {@link SessionAggregate#UNDIRECTED}
     * (it counted on {@code lineId}, whose new total is {@code countedQuantity}; {@code bin} is the line's),
     * {@link SessionAggregate#UNMATCHED} (kept for someone to match or dismiss, with {@code reason}; {@code bin} the
     * bin it was scanned in, if known) or {@link SessionAggregate#BIN_SET} (a bin label: {@code bin} is now current).
     */
    public record ScanOutcome(String observationId, String category, String kind, String code, String gtin,
                              String serial, String epc, String bin, String lineId, Long countedQuantity,
                              Instant observedAt, String reason) {

        public ScanOutcome {
            required(observationId, "observationId");
            required(category, "category");
            required(kind, "kind");
            required(code, "code");
            present(observedAt, "observedAt");
        }

        public static ScanOutcome counted(String observationId, String category, String kind, String code, String gtin,
                                          String serial, String epc, String lineBin, String lineId, long countedQuantity,
                                          Instant observedAt) {
            return new ScanOutcome(observationId, category, kind, code, gtin, serial, epc, lineBin, lineId,
                    countedQuantity, observedAt, null);
        }

        public static ScanOutcome unmatched(String observationId, String kind, String code, String gtin, String bin,
                                            Instant observedAt, String reason) {
            return new ScanOutcome(observationId, SessionAggregate.UNMATCHED, kind, code, gtin, null, null, bin, null,
                    null, observedAt, required(reason, "reason"));
        }

        public static ScanOutcome binSet(String observationId, String code, String bin, Instant observedAt) {
            return new ScanOutcome(observationId, SessionAggregate.BIN_SET, SessionAggregate.BIN_LABEL, code, null, null,
                    null, required(bin, "bin"), null, null, observedAt, null);
        }

        public boolean countedOnLine() {
            return lineId != null;
        }
    }

    /** One slice of the counted lines of a completion, in line order; parts 0..parts-1 precede {@link SessionCompleted}. */
    public record SessionResultRecorded(String sessionId, String countId, int revision, int part, int parts,
                                        List<ResultLine> lines) {

        public SessionResultRecorded {
            required(sessionId, "sessionId");
            required(countId, "countId");
            lines = List.copyOf(present(lines, "lines"));
        }
    }

    /**
     * One slice (at most {@link com.stockcount.contracts.count.v1.SessionSerialsPart#MAX_SERIALS}) of the serialized
     * units of a completion; parts 0..parts-1 precede {@link SessionCompleted}. Carries the published
     * {@link LineSerial} as it is: the publisher sends it unchanged.
     */
    public record SessionSerialsRecorded(String sessionId, String countId, int revision, int part, int parts,
                                         List<LineSerial> serials) {

        public SessionSerialsRecorded {
            required(sessionId, "sessionId");
            required(countId, "countId");
            serials = List.copyOf(present(serials, "serials"));
        }
    }

    public record SessionCompleted(String sessionId, String countId, String site, String name, CountType countType,
                                   int revision, Instant completedAt, String completedBy, int countedLines,
                                   int parts, int serialParts, int serials) {

        public SessionCompleted {
            required(sessionId, "sessionId");
            required(countId, "countId");
            required(site, "site");
            present(completedAt, "completedAt");
            required(completedBy, "completedBy");
        }
    }

    public record SessionReopened(String sessionId, int lastCompletedRevision, Instant reopenedAt, String reopenedBy) {

        public SessionReopened {
            required(sessionId, "sessionId");
            present(reopenedAt, "reopenedAt");
            required(reopenedBy, "reopenedBy");
        }
    }

    /** @param lastCompletedRevision the revision whose result is to be taken back, 0 when never completed */
    public record SessionDiscarded(String sessionId, String countId, String site, Instant discardedAt,
                                   String discardedBy, int lastCompletedRevision) {

        public SessionDiscarded {
            required(sessionId, "sessionId");
            required(countId, "countId");
            required(site, "site");
            present(discardedAt, "discardedAt");
            required(discardedBy, "discardedBy");
        }
    }

    public record SessionEdited(String sessionId, String name, String area, Instant editedAt, String editedBy) {

        public SessionEdited {
            required(sessionId, "sessionId");
            required(name, "name");
            present(editedAt, "editedAt");
            required(editedBy, "editedBy");
        }
    }

    /** The lock was taken, or renewed by its holder; it lasts {@code ttl} after {@code at}. */
    public record LockTaken(String sessionId, String holder, Instant at, java.time.Duration ttl) {

        public LockTaken {
            required(sessionId, "sessionId");
            required(holder, "holder");
            present(at, "at");
            present(ttl, "ttl");
        }
    }

    /** @param releasedBy the holder, or the administrator who forced the release */
    public record LockReleased(String sessionId, String holder, Instant at, String releasedBy, boolean forced) {

        public LockReleased {
            required(sessionId, "sessionId");
            required(holder, "holder");
            present(at, "at");
            required(releasedBy, "releasedBy");
        }
    }

    /** Someone else acted after the holder had let the lock lapse (a vanished device): the lock is gone. */
    public record LockExpired(String sessionId, String holder, Instant at) {

        public LockExpired {
            required(sessionId, "sessionId");
            required(holder, "holder");
            present(at, "at");
        }
    }

    /** A bin label was scanned: later scans without a device-reported bin count in this bin. */
    public record CurrentBinSet(String sessionId, String observationId, String bin) {

        public CurrentBinSet {
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            required(bin, "bin");
        }
    }

    /**
     * A wrong scan was taken back.
     *
     * @param lineId          the line it had counted on, {@code null} for an unmatched scan
     * @param countedQuantity the line's new total, {@code null} when the line is blank again
     * @param key             the serial or EPC taken off the line, or {@code null}
     */
    public record ScanRemoved(String sessionId, String observationId, String lineId, Long countedQuantity,
                              String key, Instant removedAt, String removedBy) {

        public ScanRemoved {
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            present(removedAt, "removedAt");
            required(removedBy, "removedBy");
        }
    }

    /** An unmatched scan was matched to a line; it now counts there as {@code category}. */
    public record ScanMatched(String sessionId, String observationId, String lineId, long countedQuantity,
                              String category, Instant matchedAt, String matchedBy) {

        public ScanMatched {
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            required(lineId, "lineId");
            required(category, "category");
            present(matchedAt, "matchedAt");
            required(matchedBy, "matchedBy");
        }
    }

    public record ScanDismissed(String sessionId, String observationId, String reason, Instant dismissedAt,
                                String dismissedBy) {

        public ScanDismissed {
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            required(reason, "reason");
            present(dismissedAt, "dismissedAt");
            required(dismissedBy, "dismissedBy");
        }
    }
}
