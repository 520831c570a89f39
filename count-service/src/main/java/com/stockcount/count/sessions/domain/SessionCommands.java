package com.stockcount.count.sessions.domain;

import static com.stockcount.count.counts.domain.Text.optional;
import static com.stockcount.count.counts.domain.Text.present;
import static com.stockcount.count.counts.domain.Text.required;

import com.stockcount.count.counts.domain.CountType;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The orders a session takes. */
public final class SessionCommands {

    private SessionCommands() {
    }

    /**
     * Create a session whose lines are the given quants (read from inventory before this command is sent).
     *
     * @param bin  the one bin of the session's scope, or {@code null} for several bins
     * @param area the area the session covers, or {@code null}
     * @param plannedStart when the count may start; earlier only for a caller with the pre-start permission
     * @param directed     the SKUs of a DIRECTED count's list; empty: every product in scope is directed
     */
    public record CreateSession(
            @TargetAggregateIdentifier String sessionId,
            String countId,
            String site,
            String name,
            CountType countType,
            String bin,
            List<QuantSnapshot> quants,
            String area,
            Instant plannedStart,
            List<String> directed) {

        public CreateSession {
            required(sessionId, "sessionId");
            required(countId, "countId");
            required(site, "site");
            required(name, "name");
            present(countType, "countType");
            bin = optional(bin);
            area = optional(area);
            present(plannedStart, "plannedStart");
            directed = directed == null ? List.of() : List.copyOf(directed);
            quants = List.copyOf(present(quants, "quants"));
        }
    }

    /**
     * @param actor         who acts: a user id or {@code device:<id>}; checked against the lock
     * @param mayStartEarly the caller holds the pre-start permission
     */
    public record StartCounting(@TargetAggregateIdentifier String sessionId, String actor, boolean mayStartEarly) {

        public StartCounting {
            required(sessionId, "sessionId");
            required(actor, "actor");
        }
    }

    /** Set the counted quantity of a line, replacing what was counted before. */
    public record CountLine(@TargetAggregateIdentifier String sessionId, String actor, String lineId,
                            long countedQuantity) {

        public CountLine {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(lineId, "lineId");
            if (countedQuantity < 0) {
                throw new IllegalArgumentException("countedQuantity must not be negative, was " + countedQuantity);
            }
        }
    }

    /** Make a line blank again: not counted, ignored at completion. */
    public record ClearLine(@TargetAggregateIdentifier String sessionId, String actor, String lineId) {

        public ClearLine {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(lineId, "lineId");
        }
    }

    /** Apply one scan alone (a typed-in or replayed scan, the bench); decided and recorded like a batch of one. */
    public record RecordScan(
            @TargetAggregateIdentifier String sessionId,
            String observationId,
            String deviceId,
            String kind,
            String code,
            String gtin,
            String bin,
            String lot,
            Instant observedAt,
            String serial) {

        public RecordScan {
            required(sessionId, "sessionId");
        }

        public Scan scan() {
            return new Scan(observationId, deviceId, kind, code, gtin, bin, lot, observedAt, serial);
        }
    }

    /**
     * Apply the scans of one session that arrived together (one Kafka poll), in their order. Each is decided
     * exactly as if it came alone; the outcomes are recorded in a few {@link SessionEvents.ScansRecorded} events.
     */
    public record RecordScans(@TargetAggregateIdentifier String sessionId, List<Scan> scans) {

        public RecordScans {
            required(sessionId, "sessionId");
            scans = List.copyOf(present(scans, "scans"));
            if (scans.isEmpty()) {
                throw new IllegalArgumentException("scans must not be empty");
            }
        }
    }

    /**
     * One scan observed by a device.
     *
     * @param kind what the code is (BARCODE, BIN_LABEL, SERIAL, EPC)
     * @param gtin GTIN-14, or {@code null} when the code did not decode to one
     * @param bin  bin reported by the device, or {@code null}: the session's bin applies
     * @param lot  lot decoded from the code, or {@code null}
     * @param serial serial decoded from a GS1 (21) or an SGTIN, or {@code null}
     */
    public record Scan(
            String observationId,
            String deviceId,
            String kind,
            String code,
            String gtin,
            String bin,
            String lot,
            Instant observedAt,
            String serial) {

        public Scan {
            required(observationId, "observationId");
            required(deviceId, "deviceId");
            required(kind, "kind");
            required(code, "code");
            present(observedAt, "observedAt");
            gtin = optional(gtin);
            bin = optional(bin);
            lot = optional(lot);
            serial = optional(serial);
        }
    }

    public record CompleteSession(@TargetAggregateIdentifier String sessionId, String completedBy) {

        public CompleteSession {
            required(sessionId, "sessionId");
            required(completedBy, "completedBy");
        }
    }

    /** Take a completed session back into counting; its next completion publishes the next revision. */
    public record ReopenSession(@TargetAggregateIdentifier String sessionId, String reopenedBy) {

        public ReopenSession {
            required(sessionId, "sessionId");
            required(reopenedBy, "reopenedBy");
        }
    }

    /** Give up a session: it contributes nothing to its count, and nothing can be done with it afterwards. */
    public record DiscardSession(@TargetAggregateIdentifier String sessionId, String discardedBy) {

        public DiscardSession {
            required(sessionId, "sessionId");
            required(discardedBy, "discardedBy");
        }
    }

    /** Rename a session or change the area it is labelled with (its lines stay as snapshotted). */
    public record EditSession(@TargetAggregateIdentifier String sessionId, String editedBy, String name, String area) {

        public EditSession {
            required(sessionId, "sessionId");
            required(editedBy, "editedBy");
            required(name, "name");
            area = optional(area);
        }
    }

    /**
     * Take the lock, or renew it when already held (a heartbeat).
     *
     * @param holder a user id, or {@code device:<id>} for a device
     * @param ttl    how long the lock lasts without any action or renewal of its holder
     */
    public record TakeLock(@TargetAggregateIdentifier String sessionId, String holder, java.time.Duration ttl) {

        public TakeLock {
            required(sessionId, "sessionId");
            required(holder, "holder");
            present(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
        }
    }

    public record ReleaseLock(@TargetAggregateIdentifier String sessionId, String holder) {

        public ReleaseLock {
            required(sessionId, "sessionId");
            required(holder, "holder");
        }
    }

    /** Release whoever holds the lock (an abandoned session); the permission is checked before this is sent. */
    public record ForceReleaseLock(@TargetAggregateIdentifier String sessionId, String releasedBy) {

        public ForceReleaseLock {
            required(sessionId, "sessionId");
            required(releasedBy, "releasedBy");
        }
    }

    /**
     * Take back a wrong scan; counts follow. The line and serial the scan counted on are read from the
     * read model (written in the same transaction as the scan's events), so the aggregate need not keep every scan.
     *
     * @param lineId the line the scan counted on, {@code null} when it was unmatched
     * @param key    the serial or EPC it added to a serialized line, or {@code null}
     */
    public record RemoveScan(@TargetAggregateIdentifier String sessionId, String actor, String observationId,
                             String lineId, String key) {

        public RemoveScan {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(observationId, "observationId");
            lineId = optional(lineId);
            key = optional(key);
        }
    }

    /** Match an unmatched scan to the line of the product the user picked. */
    public record MatchScan(@TargetAggregateIdentifier String sessionId, String actor, String observationId,
                            String lineId) {

        public MatchScan {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(observationId, "observationId");
            required(lineId, "lineId");
        }
    }

    /**
     * Match an unmatched scan to a product the session has no line for: a line is added for it (system quantity 0,
     * the product's tracking, the scan's bin) and the scan counts there.
     *
     * @param product the product as inventory describes it, with no quant ({@code quantId} null, quantity 0)
     */
    public record MatchScanOnNewLine(@TargetAggregateIdentifier String sessionId, String actor, String observationId,
                                     QuantSnapshot product) {

        public MatchScanOnNewLine {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(observationId, "observationId");
            present(product, "product");
            if (product.quantId() != null || product.systemQuantity() != 0) {
                throw new IllegalArgumentException("a line added while counting has no quant and system quantity 0");
            }
        }
    }

    /** Set aside an unmatched RFID tag (a foreign tag) with the reason, so it no longer blocks a submit. */
    public record DismissScan(@TargetAggregateIdentifier String sessionId, String actor, String observationId,
                              String reason) {

        public DismissScan {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(observationId, "observationId");
            required(reason, "reason");
        }
    }

    /** Hand-counted items, each already resolved to its line: the quantity set, or stepped by {@code delta}. */
    public record HandCount(@TargetAggregateIdentifier String sessionId, String actor, List<Item> items) {

        public HandCount {
            required(sessionId, "sessionId");
            required(actor, "actor");
            items = List.copyOf(present(items, "items"));
            if (items.isEmpty()) {
                throw new IllegalArgumentException("items must not be empty");
            }
        }

        public record Item(String lineId, Long quantity, Long delta) {

            public Item {
                required(lineId, "lineId");
                if ((quantity == null) == (delta == null)) {
                    throw new IllegalArgumentException("give quantity or delta, exactly one");
                }
                if (quantity != null && quantity < 0) {
                    throw new IllegalArgumentException("quantity must not be negative, was " + quantity);
                }
            }
        }
    }

    /** A serial typed (or scanned) on a SERIAL or RFID line of a known line (seed 1: "scan or type each serial"). */
    public record TypeSerial(@TargetAggregateIdentifier String sessionId, String actor, String entryId, String lineId,
                             String serial) {

        public TypeSerial {
            required(sessionId, "sessionId");
            required(actor, "actor");
            required(entryId, "entryId");
            required(lineId, "lineId");
            serial = required(serial, "serial").strip();
        }
    }
}
