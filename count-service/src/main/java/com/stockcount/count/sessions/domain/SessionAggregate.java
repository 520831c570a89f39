package com.stockcount.count.sessions.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.SessionCommands.ClearLine;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import com.stockcount.count.sessions.domain.SessionCommands.DiscardSession;
import com.stockcount.count.sessions.domain.SessionCommands.EditSession;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScan;
import com.stockcount.count.sessions.domain.SessionCommands.ReopenSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LineCleared;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanCounted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanUnmatched;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCompleted;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SessionEvents.SessionDiscarded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionEdited;
import com.stockcount.count.sessions.domain.SessionEvents.SessionReopened;
import com.stockcount.count.sessions.domain.SessionEvents.SessionResultRecorded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One unit of counting work. Created in DRAFT with one line per quant in its scope (the system
 * quantity snapshotted from inventory, counted quantity blank); counting starts (IN_PROGRESS);
 * lines are counted by hand or by barcode scans; completion (COMPLETED) freezes the counted lines
 * into result events of the next revision, which the publisher sends to Kafka as they are. Blank
 * lines are never counted as zero. The state is kept compact (lines by id, an index from product
 * and bin to line) because a session may hold 100,000 lines and is cached and snapshotted whole.
 */
public class SessionAggregate {

    /** Most snapshot lines one event carries: keeps every event a few hundred kB however large the scope. */
    public static final int SNAPSHOT_CHUNK = 1000;
    /** Result lines per event: one internal result event becomes exactly one published part. */
    public static final int RESULT_CHUNK = SessionResultPart.MAX_LINES;

    @AggregateIdentifier
    private String sessionId;
    private String countId;
    private String site;
    private String name;
    private CountType countType;
    private String bin;
    private SessionStatus status;
    private int revision;
    private Map<String, Line> lines = new LinkedHashMap<>();
    /** {@code gtin|bin|lot} and {@code gtin|bin} → line id; the first line of a product in a bin wins without a lot. */
    private Map<String, String> lineByProductAtBin = new HashMap<>();

    protected SessionAggregate() {
        // for Axon: rebuilt from events or a snapshot
    }

    @CommandHandler
    public SessionAggregate(CreateSession command, Clock clock) {
        List<QuantSnapshot> quants = command.quants();
        apply(new SessionCreated(command.sessionId(), command.countId(), command.site(), command.name(),
                command.countType(), command.bin(), clock.instant(), quants.size(), command.area()));
        for (int from = 0, chunk = 0; from < quants.size(); from += SNAPSHOT_CHUNK, chunk++) {
            List<SnapshotLine> slice = new ArrayList<>(Math.min(SNAPSHOT_CHUNK, quants.size() - from));
            for (int i = from; i < Math.min(quants.size(), from + SNAPSHOT_CHUNK); i++) {
                slice.add(new SnapshotLine(Integer.toString(i + 1), quants.get(i)));
            }
            apply(new LinesSnapshotted(command.sessionId(), chunk, slice));
        }
    }

    @CommandHandler
    void handle(StartCounting command, Clock clock) {
        if (status != SessionStatus.DRAFT) {
            throw new SessionRefused("session is " + status + "; counting can only start from DRAFT");
        }
        apply(new CountingStarted(sessionId, clock.instant()));
    }

    @CommandHandler
    void handle(CountLine command, Clock clock) {
        requireInProgress();
        requireLine(command.lineId());
        apply(new LineCounted(sessionId, command.lineId(), command.countedQuantity(), clock.instant()));
    }

    @CommandHandler
    void handle(ClearLine command) {
        requireInProgress();
        requireLine(command.lineId());
        apply(new LineCleared(sessionId, command.lineId()));
    }

    @CommandHandler
    void handle(RecordScan scan) {
        requireInProgress();
        String scanBin = scan.bin() != null ? scan.bin() : bin;
        String unmatched;
        if (!"BARCODE".equals(scan.kind())) {
            unmatched = scan.kind() + " observations are not counted yet";
        } else if (scan.gtin() == null) {
            unmatched = "code " + scan.code() + " is not a GTIN";
        } else if (scanBin == null) {
            unmatched = "no bin: the session covers the whole site and the device reported none";
        } else {
            String lineId = lineFor(Gtin.normalize(scan.gtin()), scanBin, scan.lot());
            if (lineId != null) {
                Line line = lines.get(lineId);
                long counted = line.countedQuantity() == null ? 1 : line.countedQuantity() + 1;
                apply(new ScanCounted(sessionId, scan.observationId(), lineId, counted, scan.observedAt()));
                return;
            }
            unmatched = "no line for GTIN " + scan.gtin() + " in bin " + scanBin;
        }
        apply(new ScanUnmatched(sessionId, scan.observationId(), scan.kind(), scan.code(), scan.gtin(), scanBin,
                scan.observedAt(), unmatched));
    }

    @CommandHandler
    void handle(CompleteSession command, Clock clock) {
        requireInProgress();
        int next = revision + 1;
        List<ResultLine> counted = new ArrayList<>();
        lines.forEach((lineId, line) -> {
            if (line.countedQuantity() != null) {
                counted.add(new ResultLine(lineId, line.quantId(), line.sku(), line.bin(), line.lot(), line.tracking(),
                        line.systemQuantity(), line.countedQuantity(), line.countedAt(), line.unitCost()));
            }
        });
        int parts = (counted.size() + RESULT_CHUNK - 1) / RESULT_CHUNK;
        for (int part = 0; part < parts; part++) {
            List<ResultLine> slice = counted.subList(part * RESULT_CHUNK, Math.min(counted.size(), (part + 1) * RESULT_CHUNK));
            apply(new SessionResultRecorded(sessionId, countId, next, part, parts, slice));
        }
        apply(new SessionCompleted(sessionId, countId, site, name, countType, next, clock.instant(),
                command.completedBy(), counted.size(), parts));
    }

    @CommandHandler
    void handle(ReopenSession command, Clock clock) {
        if (status != SessionStatus.COMPLETED) {
            throw new SessionRefused("session is " + status + "; only a COMPLETED session can be re-opened");
        }
        apply(new SessionReopened(sessionId, revision, clock.instant(), command.reopenedBy()));
    }

    @CommandHandler
    void handle(DiscardSession command, Clock clock) {
        if (status != SessionStatus.DRAFT && status != SessionStatus.IN_PROGRESS) {
            throw new SessionRefused("session is " + status + "; only a DRAFT or IN_PROGRESS session can be discarded");
        }
        apply(new SessionDiscarded(sessionId, countId, site, clock.instant(), command.discardedBy(), revision));
    }

    @CommandHandler
    void handle(EditSession command, Clock clock) {
        if (status != SessionStatus.IN_PROGRESS) {
            throw new SessionRefused("session is " + status + "; name and area can only be edited IN_PROGRESS");
        }
        apply(new SessionEdited(sessionId, command.name(), command.area(), clock.instant(), command.editedBy()));
    }

    private void requireInProgress() {
        if (status == SessionStatus.DRAFT) {
            throw new SessionRefused("session is DRAFT; start counting first");
        }
        if (status != SessionStatus.IN_PROGRESS) {
            throw new SessionRefused("session is " + status + "; it can no longer be counted");
        }
    }

    private void requireLine(String lineId) {
        if (!lines.containsKey(lineId)) {
            throw new UnknownLine(sessionId, lineId);
        }
    }

    private String lineFor(String gtin, String atBin, String lot) {
        String exact = lot == null ? null : lineByProductAtBin.get(gtin + "|" + atBin + "|" + lot);
        return exact != null ? exact : lineByProductAtBin.get(gtin + "|" + atBin);
    }

    @EventSourcingHandler
    void on(SessionCreated event) {
        sessionId = event.sessionId();
        countId = event.countId();
        site = event.site();
        name = event.name();
        countType = event.countType();
        bin = event.bin();
        status = SessionStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(LinesSnapshotted event) {
        for (SnapshotLine snapshot : event.lines()) {
            QuantSnapshot q = snapshot.quant();
            lines.put(snapshot.lineId(), new Line(q.quantId(), q.sku(), q.bin(), q.lot(), q.tracking(),
                    q.systemQuantity(), q.unitCost(), null, null));
            for (String gtin : q.gtins()) {
                String product = Gtin.normalize(gtin) + "|" + q.bin();
                lineByProductAtBin.putIfAbsent(product, snapshot.lineId());
                lineByProductAtBin.putIfAbsent(product + "|" + q.lot(), snapshot.lineId());
            }
        }
    }

    @EventSourcingHandler
    void on(CountingStarted event) {
        status = SessionStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(LineCounted event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.counted(event.countedQuantity(), event.countedAt()));
    }

    @EventSourcingHandler
    void on(LineCleared event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.counted(null, null));
    }

    @EventSourcingHandler
    void on(ScanCounted event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.counted(event.countedQuantity(), event.countedAt()));
    }

    @EventSourcingHandler
    void on(SessionCompleted event) {
        status = SessionStatus.COMPLETED;
        revision = event.revision();
    }

    @EventSourcingHandler
    void on(SessionReopened event) {
        status = SessionStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(SessionDiscarded event) {
        status = SessionStatus.DISCARDED;
    }

    @EventSourcingHandler
    void on(SessionEdited event) {
        name = event.name();
    }

    /** What the aggregate needs of a line to decide and to produce its result; counted is {@code null} while blank. */
    record Line(String quantId, String sku, String bin, String lot, String tracking, long systemQuantity,
                BigDecimal unitCost, Long countedQuantity, Instant countedAt) {

        Line counted(Long quantity, Instant at) {
            return new Line(quantId, sku, bin, lot, tracking, systemQuantity, unitCost, quantity, at);
        }
    }
}
