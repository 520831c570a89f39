package com.stockcount.count.sessions.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.stockcount.contracts.count.v1.LineSerial;
import com.stockcount.contracts.count.v1.SessionResultPart;
import com.stockcount.contracts.count.v1.SessionSerialsPart;
import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.sessions.domain.SessionCommands.ClearLine;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import com.stockcount.count.sessions.domain.SessionCommands.DiscardSession;
import com.stockcount.count.sessions.domain.SessionCommands.EditSession;
import com.stockcount.count.sessions.domain.SessionCommands.ForceReleaseLock;
import com.stockcount.count.sessions.domain.SessionCommands.ReleaseLock;
import com.stockcount.count.sessions.domain.SessionCommands.TakeLock;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScan;
import com.stockcount.count.sessions.domain.SessionCommands.RecordScans;
import com.stockcount.count.sessions.domain.SessionCommands.Scan;
import com.stockcount.count.sessions.domain.SessionCommands.TypeSerial;
import com.stockcount.count.sessions.domain.SessionCommands.HandCount;
import com.stockcount.count.sessions.domain.SessionCommands.DismissScan;
import com.stockcount.count.sessions.domain.SessionCommands.MatchScan;
import com.stockcount.count.sessions.domain.SessionCommands.MatchScanOnNewLine;
import com.stockcount.count.sessions.domain.SessionCommands.RemoveScan;
import com.stockcount.count.sessions.domain.SessionCommands.ReopenSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.count.sessions.domain.SessionEvents.CountingStarted;
import com.stockcount.count.sessions.domain.SessionEvents.LineAdded;
import com.stockcount.count.sessions.domain.SessionEvents.LineCleared;
import com.stockcount.count.sessions.domain.SessionEvents.LineCounted;
import com.stockcount.count.sessions.domain.SessionEvents.LinesSnapshotted;
import com.stockcount.count.sessions.domain.SessionEvents.LockExpired;
import com.stockcount.count.sessions.domain.SessionEvents.LockReleased;
import com.stockcount.count.sessions.domain.SessionEvents.LockTaken;
import com.stockcount.count.sessions.domain.SessionEvents.ScanCounted;
import com.stockcount.count.sessions.domain.SessionEvents.ScanDismissed;
import com.stockcount.count.sessions.domain.SessionEvents.ScanMatched;
import com.stockcount.count.sessions.domain.SessionEvents.ScanRemoved;
import com.stockcount.count.sessions.domain.SessionEvents.CurrentBinSet;
import com.stockcount.count.sessions.domain.SessionEvents.ScanOutcome;
import com.stockcount.count.sessions.domain.SessionEvents.ScanUnmatched;
import com.stockcount.count.sessions.domain.SessionEvents.ScansRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCompleted;
import com.stockcount.count.sessions.domain.SessionEvents.SessionCreated;
import com.stockcount.count.sessions.domain.SessionEvents.SessionDiscarded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionEdited;
import com.stockcount.count.sessions.domain.SessionEvents.SessionReopened;
import com.stockcount.count.sessions.domain.SessionEvents.SessionResultRecorded;
import com.stockcount.count.sessions.domain.SessionEvents.SessionSerialsRecorded;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * One unit of counting work. Created in DRAFT with one line per quant in its scope (the system
 * quantity snapshotted from inventory, counted quantity blank); counting starts (IN_PROGRESS);
 * lines are counted by hand or by barcode scans; completion (COMPLETED) freezes the counted lines
 * into result events of the next revision, which the publisher sends to Kafka as they are. Blank
 * lines are never counted as zero. The state is kept compact (lines by id, an index from product
 * and bin to line) because a session may hold 100,000 lines and is cached and snapshotted whole.
 *
 * <p>The revision names the shape of its snapshot: revision 2 added {@link #epcs}. A snapshot of another revision is
 * passed over when the session is loaded (Axon's revision snapshot filter), so the session is rebuilt from its events,
 * which hold every EPC it took, and the next snapshot has the current shape. Revision 3 keeps the units seen on a line
 * as {@link SeenUnits} (arrays) instead of a map of records.
 */
@Revision("3")
public class SessionAggregate {

    /** Most snapshot lines one event carries: keeps every event a few hundred kB however large the scope. */
    public static final int SNAPSHOT_CHUNK = 1000;
    /** Result lines per event: one internal result event becomes exactly one published part. */
    public static final int RESULT_CHUNK = SessionResultPart.MAX_LINES;
    /** Lock holders that are devices are named {@code device:<id>}; users by their id. */
    public static final String DEVICE = "device:";
    public static final String COUNTED = "COUNTED";
    public static final String UNDIRECTED = "UNDIRECTED";
    public static final String UNMATCHED = "UNMATCHED";
    /** The outcome of a bin label scan: it set the current bin. */
    public static final String BIN_SET = "BIN_SET";
    static final String BIN_LABEL = "BIN_LABEL";
    /** Scan outcomes per event: a few hundred keep an event around 100 kB and a 200,000-tag session at ~400 events. */
    public static final int SCAN_CHUNK = 500;
    private static final String EPC = "EPC";

    @AggregateIdentifier
    private String sessionId;
    private String countId;
    private String site;
    private String name;
    private CountType countType;
    private String bin;
    private SessionStatus status;
    private Instant plannedStart;
    private int revision;
    private Map<String, Line> lines = new LinkedHashMap<>();
    /** Who works the session ({@code null}: nobody), since when its lock was last taken or renewed, for how long. */
    private String lockHolder;
    private Instant lockRenewedAt;
    private Duration lockTtl;
    /** DIRECTED: the SKUs on the list (empty: every product in scope). */
    private Set<String> directed = new HashSet<>();
    /** Set by a bin label scan; scans without a device-reported bin count there. */
    private String currentBin;
    /** Distinct serials or EPCs counted per serialized line: a repeat is not counted twice. */
    private Map<String, SeenUnits> seenByLine = new HashMap<>();
    /**
     * Every EPC the session has taken (counted or unmatched), whatever became of its scan since (removed, matched,
     * dismissed): a tag read again is an idempotent no-op. This is the de-duplication of EPC reads, not only a
     * business rule: scan-ingest names an EPC observation by the session and the EPC alone
     * ({@code ObservationIds.ofEpc}), so "this observation id was applied" and "this session took this EPC" are the
     * same fact, and the scan consumer keeps no {@code processed_event} row for EPC observations. The fact lives in
     * the session's own events ({@code ScansRecorded}, older {@code ScanCounted}/{@code ScanUnmatched}), appended in
     * the transaction that applies the read, so a redelivery, before or after a restart, finds it here.
     */
    private EpcSet epcs = new EpcSet();
    /** Open unmatched scans (observation id → kind): they block a submit until matched, removed or dismissed. */
    private Map<String, String> unmatched = new HashMap<>();
    /** {@code gtin|bin|lot} and {@code gtin|bin} → line id; the first line of a product in a bin wins without a lot. */
    private Map<String, String> lineByProductAtBin = new HashMap<>();

    protected SessionAggregate() {
        // for Axon: rebuilt from events or a snapshot
    }

    @CommandHandler
    public SessionAggregate(CreateSession command, Clock clock) {
        List<QuantSnapshot> quants = command.quants();
        apply(new SessionCreated(command.sessionId(), command.countId(), command.site(), command.name(),
                command.countType(), command.bin(), clock.instant(), quants.size(), command.area(), command.plannedStart(), command.directed()));
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
        Instant now = clock.instant();
        if (plannedStart != null && now.isBefore(plannedStart) && !command.mayStartEarly()) {
            throw new SessionRefused("counting starts at " + plannedStart
                    + "; starting earlier needs INV_COUNT_PRE_START, INV_COUNT_ADMIN or COMMON_ADMIN");
        }
        guard(command.actor(), now);
        apply(new CountingStarted(sessionId, now));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(CountLine command, Clock clock) {
        requireInProgress();
        requireLine(command.lineId());
        Instant now = clock.instant();
        guard(command.actor(), now);
        apply(new LineCounted(sessionId, command.lineId(), command.countedQuantity(), now));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(ClearLine command, Clock clock) {
        requireInProgress();
        requireLine(command.lineId());
        Instant now = clock.instant();
        guard(command.actor(), now);
        apply(new LineCleared(sessionId, command.lineId()));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(RecordScan command, Clock clock) {
        recordScans(List.of(command.scan()), clock);
    }

    @CommandHandler
    void handle(RecordScans command, Clock clock) {
        recordScans(command.scans(), clock);
    }

    private void recordScans(List<Scan> scans, Clock clock) {
        requireInProgress();
        Instant now = clock.instant();
        Set<String> devices = new LinkedHashSet<>();
        scans.forEach(scan -> devices.add(DEVICE + scan.deviceId()));
        // a user's lock covers the handheld in their hand (scans do not say who holds the device); another device's does not
        if (lockHolder != null && lockHolder.startsWith(DEVICE)) {
            devices.forEach(device -> guard(device, now));
        }
        Decisions decisions = new Decisions();
        List<ScanOutcome> outcomes = new ArrayList<>();
        for (Scan scan : scans) {
            ScanOutcome outcome = decide(scan, decisions);
            if (outcome != null) {
                outcomes.add(outcome);
            }
        }
        for (int from = 0; from < outcomes.size(); from += SCAN_CHUNK) {
            apply(new ScansRecorded(sessionId, outcomes.subList(from, Math.min(outcomes.size(), from + SCAN_CHUNK))));
        }
        devices.forEach(device -> renew(device, now));
    }

    /**
     * What the scans decided so far in one command change before their events are applied: the current bin, the
     * lines' totals and the serials/EPCs counted. Later scans of the same command are decided against it, so a tag
     * read twice in one batch counts once, exactly as in two commands.
     */
    private final class Decisions {
        private String currentBin = SessionAggregate.this.currentBin;
        private final Map<String, Long> counted = new HashMap<>();
        private final Map<String, Set<String>> keys = new HashMap<>();
        private final EpcSet epcs = new EpcSet();

        /** False when the session (or an earlier scan of this command) already took the EPC. */
        boolean take(String epc) {
            return !SessionAggregate.this.epcs.contains(epc) && epcs.add(epc);
        }

        long counted(String lineId) {
            Long total = counted.containsKey(lineId) ? counted.get(lineId) : lines.get(lineId).countedQuantity();
            return total == null ? 0 : total;
        }

        /** Serials or EPCs on the line, counting those of this command. */
        int keys(String lineId) {
            SeenUnits seen = seenByLine.get(lineId);
            return (seen == null ? 0 : seen.size()) + keys.getOrDefault(lineId, Set.of()).size();
        }

        boolean seen(String lineId, String key) {
            SeenUnits seen = seenByLine.get(lineId);
            return seen != null && seen.contains(key)
                    || keys.getOrDefault(lineId, Set.of()).contains(key);
        }
    }

    private ScanOutcome decide(Scan scan, Decisions decisions) {
        if (EPC.equals(scan.kind()) && !decisions.take(scan.code())) {
            return null;
        }
        if (BIN_LABEL.equals(scan.kind())) {
            decisions.currentBin = scan.code().strip();
            return ScanOutcome.binSet(scan.observationId(), scan.code(), decisions.currentBin, scan.observedAt());
        }
        String scanBin = scan.bin() != null ? scan.bin() : decisions.currentBin != null ? decisions.currentBin : bin;
        String reason;
        if (scan.gtin() == null) {
            reason = "code " + scan.code() + " decodes to no GTIN";
        } else if (scanBin == null) {
            reason = "no bin: scan a bin label first (the session covers several bins and the device reported none)";
        } else {
            String lineId = lineFor(Gtin.normalize(scan.gtin()), scanBin, scan.lot());
            if (lineId != null) {
                return countScan(scan, lineId, decisions);
            }
            reason = "no line for GTIN " + scan.gtin() + " in bin " + scanBin;
        }
        return ScanOutcome.unmatched(scan.observationId(), scan.kind(), scan.code(), scan.gtin(), scanBin,
                scan.observedAt(), reason);
    }

    /**
     * One unit on the line; on a SERIAL or RFID line (and for any EPC) one distinct serial or EPC:
     * a repeated serial or a tag read again is not counted twice, and records nothing ({@code null}).
     */
    private ScanOutcome countScan(Scan scan, String lineId, Decisions decisions) {
        Line line = lines.get(lineId);
        String epc = EPC.equals(scan.kind()) ? scan.code() : null;
        String key = epc != null ? epc : line.serialized() ? scan.serial() : null;
        long counted;
        if (key != null) {
            // an EPC is new to the whole session here (decide), hence to the line: only a serial needs the line's check
            if (epc == null && decisions.seen(lineId, key)) {
                return null;
            }
            counted = decisions.keys(lineId) + 1L;
            decisions.keys.computeIfAbsent(lineId, id -> new HashSet<>()).add(key);
        } else {
            counted = decisions.counted(lineId) + 1;
        }
        decisions.counted.put(lineId, counted);
        return ScanOutcome.counted(scan.observationId(), category(line), scan.kind(), scan.code(), scan.gtin(),
                scan.serial(), epc, line.bin(), lineId, counted, scan.observedAt());
    }

    private String category(Line line) {
        return countType == CountType.DIRECTED && !directed.isEmpty() && !directed.contains(line.sku())
                ? UNDIRECTED : COUNTED;
    }

    @CommandHandler
    void handle(TypeSerial command, Clock clock) {
        requireInProgress();
        requireLine(command.lineId());
        Line line = lines.get(command.lineId());
        if (!line.serialized()) {
            throw new SessionRefused("line " + command.lineId() + " is " + line.tracking() + "; type its quantity instead");
        }
        Instant now = clock.instant();
        guard(command.actor(), now);
        SeenUnits seen = seenByLine.getOrDefault(command.lineId(), new SeenUnits());
        if (seen.contains(command.serial())) {
            throw new SessionRefused("serial " + command.serial() + " is already counted on line " + command.lineId());
        }
        apply(new ScanCounted(sessionId, command.entryId(), command.lineId(), seen.size() + 1L, now, category(line),
                "SERIAL", command.serial(), null, command.serial(), null));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(RemoveScan command, Clock clock) {
        requireInProgress();
        Instant now = clock.instant();
        guard(command.actor(), now);
        if (unmatched.containsKey(command.observationId())) {
            apply(new ScanRemoved(sessionId, command.observationId(), null, null, null, now, command.actor()));
        } else {
            if (command.lineId() == null) {
                throw new SessionRefused("scan " + command.observationId() + " counts on no line of this session");
            }
            requireLine(command.lineId());
            Line line = lines.get(command.lineId());
            long before = line.countedQuantity() == null ? 0 : line.countedQuantity();
            long after;
            if (command.key() != null) {
                SeenUnits seen = seenByLine.getOrDefault(command.lineId(), new SeenUnits());
                after = seen.contains(command.key()) ? seen.size() - 1L : seen.size();
            } else {
                after = Math.max(0, before - 1);
            }
            // a line whose only scans were taken back was never counted: blank, not zero
            apply(new ScanRemoved(sessionId, command.observationId(), command.lineId(), after == 0 ? null : after,
                    command.key(), now, command.actor()));
        }
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(MatchScan command, Clock clock) {
        requireInProgress();
        requireUnmatched(command.observationId());
        requireLine(command.lineId());
        Instant now = clock.instant();
        guard(command.actor(), now);
        Line line = lines.get(command.lineId());
        long counted = line.countedQuantity() == null ? 1 : line.countedQuantity() + 1;
        apply(new ScanMatched(sessionId, command.observationId(), command.lineId(), counted, category(line), now,
                command.actor()));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(MatchScanOnNewLine command, Clock clock) {
        requireInProgress();
        requireUnmatched(command.observationId());
        Instant now = clock.instant();
        guard(command.actor(), now);
        String lineId = Integer.toString(lines.size() + 1);
        apply(new LineAdded(sessionId, new SnapshotLine(lineId, command.product()), now, command.actor()));
        apply(new ScanMatched(sessionId, command.observationId(), lineId, 1, category(lines.get(lineId)), now,
                command.actor()));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(DismissScan command, Clock clock) {
        requireInProgress();
        requireUnmatched(command.observationId());
        if (!EPC.equals(unmatched.get(command.observationId()))) {
            throw new SessionRefused("only RFID tags can be dismissed; match or remove scan " + command.observationId());
        }
        Instant now = clock.instant();
        guard(command.actor(), now);
        apply(new ScanDismissed(sessionId, command.observationId(), command.reason(), now, command.actor()));
        renew(command.actor(), now);
    }

    @CommandHandler
    void handle(HandCount command, Clock clock) {
        requireInProgress();
        Instant now = clock.instant();
        guard(command.actor(), now);
        Map<String, Long> next = new LinkedHashMap<>();
        for (HandCount.Item item : command.items()) {
            requireLine(item.lineId());
            Line line = lines.get(item.lineId());
            if (category(line).equals(UNDIRECTED)) {
                throw new SessionRefused(line.sku() + " is not on the directed list of this count");
            }
            long current = next.containsKey(item.lineId()) ? next.get(item.lineId())
                    : line.countedQuantity() == null ? 0 : line.countedQuantity();
            long quantity = item.quantity() != null ? item.quantity() : current + item.delta();
            if (quantity < 0) {
                throw new SessionRefused(line.sku() + " would go below zero (" + current + " " + item.delta() + ")");
            }
            next.put(item.lineId(), quantity);
        }
        next.forEach((lineId, quantity) -> apply(new LineCounted(sessionId, lineId, quantity, now)));
        renew(command.actor(), now);
    }

    /**
     * The serialized units of the counted SERIAL/RFID lines: every unit expected by the snapshot (seen or
     * not) and every unit seen that was not expected. A blank line is not counted, so it reports nothing.
     */
    private List<LineSerial> serials() {
        List<LineSerial> serials = new ArrayList<>();
        lines.forEach((lineId, line) -> {
            SeenUnits seen = seenByLine.getOrDefault(lineId, new SeenUnits());
            if (line.countedQuantity() == null || (!line.serialized() && seen.size() == 0)) {
                return;
            }
            Map<String, Integer> bySerial = new HashMap<>();
            for (int slot = 0; slot < seen.slots(); slot++) {
                if (seen.used(slot)) {
                    bySerial.put(seen.serial(slot), slot);
                }
            }
            boolean[] matched = new boolean[seen.slots()];
            for (String unit : line.units()) {
                int s = seen.find(unit);
                if (s < 0) {
                    s = bySerial.getOrDefault(unit, -1);
                }
                if (s >= 0) {
                    matched[s] = true;
                }
                serials.add(new LineSerial(lineId, unit, s < 0 ? null : seen.epc(s), true, s < 0 ? null : seen.at(s)));
            }
            for (int s = 0; s < seen.slots(); s++) {
                if (seen.used(s) && !matched[s]) {
                    serials.add(new LineSerial(lineId, seen.serial(s), seen.epc(s), false, seen.at(s)));
                }
            }
        });
        return serials;
    }

    private void requireUnmatched(String observationId) {
        if (!unmatched.containsKey(observationId)) {
            throw new SessionRefused("scan " + observationId + " is not an open unmatched scan of this session");
        }
    }

    @CommandHandler
    void handle(CompleteSession command, Clock clock) {
        requireInProgress();
        if (!unmatched.isEmpty()) {
            throw new SessionRefused(unmatched.size() + " unmatched scans remain; match, remove or dismiss them first");
        }
        guard(command.completedBy(), clock.instant());
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
        List<LineSerial> serials = serials();
        int serialParts = (serials.size() + SessionSerialsPart.MAX_SERIALS - 1) / SessionSerialsPart.MAX_SERIALS;
        for (int part = 0; part < serialParts; part++) {
            apply(new SessionSerialsRecorded(sessionId, countId, next, part, serialParts, serials.subList(
                    part * SessionSerialsPart.MAX_SERIALS, Math.min(serials.size(), (part + 1) * SessionSerialsPart.MAX_SERIALS))));
        }
        apply(new SessionCompleted(sessionId, countId, site, name, countType, next, clock.instant(),
                command.completedBy(), counted.size(), parts, serialParts, serials.size()));
    }

    @CommandHandler
    void handle(ReopenSession command, Clock clock) {
        if (status != SessionStatus.COMPLETED) {
            throw new SessionRefused("session is " + status + "; only a COMPLETED session can be re-opened");
        }
        guard(command.reopenedBy(), clock.instant());
        apply(new SessionReopened(sessionId, revision, clock.instant(), command.reopenedBy()));
    }

    @CommandHandler
    void handle(DiscardSession command, Clock clock) {
        if (status != SessionStatus.DRAFT && status != SessionStatus.IN_PROGRESS) {
            throw new SessionRefused("session is " + status + "; only a DRAFT or IN_PROGRESS session can be discarded");
        }
        guard(command.discardedBy(), clock.instant());
        apply(new SessionDiscarded(sessionId, countId, site, clock.instant(), command.discardedBy(), revision));
    }

    @CommandHandler
    void handle(EditSession command, Clock clock) {
        if (status != SessionStatus.IN_PROGRESS) {
            throw new SessionRefused("session is " + status + "; name and area can only be edited IN_PROGRESS");
        }
        Instant now = clock.instant();
        guard(command.editedBy(), now);
        apply(new SessionEdited(sessionId, command.name(), command.area(), now, command.editedBy()));
        renew(command.editedBy(), now);
    }

    @CommandHandler
    void handle(TakeLock command, Clock clock) {
        if (status == SessionStatus.DISCARDED) {
            throw new SessionRefused("session is DISCARDED; there is nothing to lock");
        }
        Instant now = clock.instant();
        guard(command.holder(), now);
        apply(new LockTaken(sessionId, command.holder(), now, command.ttl()));
    }

    @CommandHandler
    void handle(ReleaseLock command, Clock clock) {
        if (lockHolder == null) {
            throw new SessionRefused("session is not locked");
        }
        Instant now = clock.instant();
        guard(command.holder(), now);
        if (lockHolder != null) {
            apply(new LockReleased(sessionId, lockHolder, now, command.holder(), false));
        }
    }

    @CommandHandler
    void handle(ForceReleaseLock command, Clock clock) {
        if (lockHolder == null) {
            throw new SessionRefused("session is not locked");
        }
        apply(new LockReleased(sessionId, lockHolder, clock.instant(), command.releasedBy(), true));
    }

    /**
     * Refuses an actor other than a live lock's holder. A lock its holder has not renewed within its
     * TTL (a device that vanished) lapses the moment someone else acts: recorded, then the action goes on.
     */
    private void guard(String actor, Instant now) {
        if (lockHolder == null || lockHolder.equals(actor)) {
            return;
        }
        Instant expiresAt = lockRenewedAt.plus(lockTtl);
        if (now.isBefore(expiresAt)) {
            throw new SessionLocked(lockHolder, expiresAt);
        }
        apply(new LockExpired(sessionId, lockHolder, now));
    }

    /** Any action of the holder is a heartbeat; it is recorded once a quarter of the TTL has passed, not per action. */
    private void renew(String actor, Instant now) {
        if (actor.equals(lockHolder) && !now.isBefore(lockRenewedAt.plus(lockTtl.dividedBy(4)))) {
            apply(new LockTaken(sessionId, lockHolder, now, lockTtl));
        }
    }

    private void requireInProgress() {
        String refusal = status.countingRefusal();
        if (refusal != null) {
            throw new SessionRefused(refusal);
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
        plannedStart = event.plannedStart();
        directed = new HashSet<>(event.directed());
        status = SessionStatus.DRAFT;
    }

    @EventSourcingHandler
    void on(LinesSnapshotted event) {
        event.lines().forEach(this::addLine);
    }

    @EventSourcingHandler
    void on(LineAdded event) {
        addLine(event.line());
    }

    private void addLine(SnapshotLine snapshot) {
        QuantSnapshot q = snapshot.quant();
        lines.put(snapshot.lineId(), new Line(q.quantId(), q.sku(), q.bin(), q.lot(), q.tracking(),
                q.systemQuantity(), q.unitCost(), null, null, q.units()));
        for (String gtin : q.gtins()) {
            String product = Gtin.normalize(gtin) + "|" + q.bin();
            lineByProductAtBin.putIfAbsent(product, snapshot.lineId());
            lineByProductAtBin.putIfAbsent(product + "|" + q.lot(), snapshot.lineId());
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
        counted(event.lineId(), event.countedQuantity(), event.countedAt(), event.serial(), event.epc());
        if (event.epc() != null) {
            epcs.add(event.epc());
        }
    }

    @EventSourcingHandler
    void on(ScansRecorded event) {
        for (ScanOutcome scan : event.scans()) {
            if (EPC.equals(scan.kind())) {
                epcs.add(scan.code());
            }
            if (scan.countedOnLine()) {
                counted(scan.lineId(), scan.countedQuantity(), scan.observedAt(), scan.serial(), scan.epc());
            } else if (BIN_SET.equals(scan.category())) {
                currentBin = scan.bin();
            } else {
                unmatched.put(scan.observationId(), scan.kind());
            }
        }
    }

    private void counted(String lineId, long quantity, Instant at, String serial, String epc) {
        Line line = lines.computeIfPresent(lineId, (id, l) -> l.counted(quantity, at));
        String key = epc != null ? epc : serial;
        if (key != null && (epc != null || line.serialized())) {
            seenByLine.computeIfAbsent(lineId, id -> new SeenUnits()).put(key, serial != null ? serial : key, epc != null, at);
        }
    }

    @EventSourcingHandler
    void on(ScanUnmatched event) {
        unmatched.put(event.observationId(), event.kind());
        if (EPC.equals(event.kind())) {
            epcs.add(event.code());
        }
    }

    @EventSourcingHandler
    void on(CurrentBinSet event) {
        currentBin = event.bin();
    }

    @EventSourcingHandler
    void on(ScanRemoved event) {
        unmatched.remove(event.observationId());
        if (event.lineId() != null) {
            Line line = lines.get(event.lineId());
            lines.put(event.lineId(), line.counted(event.countedQuantity(),
                    event.countedQuantity() == null ? null : line.countedAt()));
            if (event.key() != null) {
                SeenUnits seen = seenByLine.get(event.lineId());
                if (seen != null) {
                    seen.remove(event.key());
                }
            }
        }
    }

    @EventSourcingHandler
    void on(ScanMatched event) {
        unmatched.remove(event.observationId());
        lines.computeIfPresent(event.lineId(), (id, line) -> line.counted(event.countedQuantity(), event.matchedAt()));
    }

    @EventSourcingHandler
    void on(ScanDismissed event) {
        unmatched.remove(event.observationId());
    }

    @EventSourcingHandler
    void on(SessionCompleted event) {
        status = SessionStatus.COMPLETED;
        revision = event.revision();
    }

    @EventSourcingHandler
    void on(LockTaken event) {
        lockHolder = event.holder();
        lockRenewedAt = event.at();
        lockTtl = event.ttl();
    }

    @EventSourcingHandler
    void on(LockReleased event) {
        lockHolder = null;
    }

    @EventSourcingHandler
    void on(LockExpired event) {
        lockHolder = null;
    }

    @EventSourcingHandler
    void on(SessionReopened event) {
        status = SessionStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(SessionDiscarded event) {
        status = SessionStatus.DISCARDED;
        lockHolder = null;
    }

    @EventSourcingHandler
    void on(SessionEdited event) {
        name = event.name();
    }

    /** What the aggregate needs of a line to decide and to produce its result; counted is {@code null} while blank. */
    record Line(String quantId, String sku, String bin, String lot, String tracking, long systemQuantity,
                BigDecimal unitCost, Long countedQuantity, Instant countedAt, List<String> units) {

        boolean serialized() {
            return "SERIAL".equals(tracking) || "RFID".equals(tracking);
        }

        Line counted(Long quantity, Instant at) {
            return new Line(quantId, sku, bin, lot, tracking, systemQuantity, unitCost, quantity, at, units);
        }
    }
}
