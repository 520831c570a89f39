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
     */
    public record CreateSession(
            @TargetAggregateIdentifier String sessionId,
            String countId,
            String site,
            String name,
            CountType countType,
            String bin,
            List<QuantSnapshot> quants,
            String area) {

        public CreateSession {
            required(sessionId, "sessionId");
            required(countId, "countId");
            required(site, "site");
            required(name, "name");
            present(countType, "countType");
            bin = optional(bin);
            area = optional(area);
            quants = List.copyOf(present(quants, "quants"));
        }
    }

    public record StartCounting(@TargetAggregateIdentifier String sessionId) {

        public StartCounting {
            required(sessionId, "sessionId");
        }
    }

    /** Set the counted quantity of a line, replacing what was counted before. */
    public record CountLine(@TargetAggregateIdentifier String sessionId, String lineId, long countedQuantity) {

        public CountLine {
            required(sessionId, "sessionId");
            required(lineId, "lineId");
            if (countedQuantity < 0) {
                throw new IllegalArgumentException("countedQuantity must not be negative, was " + countedQuantity);
            }
        }
    }

    /** Make a line blank again: not counted, ignored at completion. */
    public record ClearLine(@TargetAggregateIdentifier String sessionId, String lineId) {

        public ClearLine {
            required(sessionId, "sessionId");
            required(lineId, "lineId");
        }
    }

    /**
     * Apply one scan observed by a device.
     *
     * @param kind what the code is (BARCODE, BIN_LABEL, SERIAL, EPC)
     * @param gtin GTIN-14, or {@code null} when the code did not decode to one
     * @param bin  bin reported by the device, or {@code null}: the session's bin applies
     * @param lot  lot decoded from the code, or {@code null}
     */
    public record RecordScan(
            @TargetAggregateIdentifier String sessionId,
            String observationId,
            String kind,
            String code,
            String gtin,
            String bin,
            String lot,
            Instant observedAt) {

        public RecordScan {
            required(sessionId, "sessionId");
            required(observationId, "observationId");
            required(kind, "kind");
            required(code, "code");
            present(observedAt, "observedAt");
            gtin = optional(gtin);
            bin = optional(bin);
            lot = optional(lot);
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
}
