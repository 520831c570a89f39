package com.stockcount.scaningest.scan;

import com.stockcount.contracts.scan.v1.CodeKind;
import com.stockcount.contracts.scan.v1.ScanObserved;
import com.stockcount.scaningest.barcode.BarcodeDecoder;
import com.stockcount.scaningest.barcode.DecodedBarcode;
import com.stockcount.scaningest.barcode.InvalidBarcodeException;
import com.stockcount.scaningest.rfid.Epc;
import com.stockcount.scaningest.rfid.EpcDecoding;
import com.stockcount.scaningest.rfid.Sgtin;
import com.stockcount.scaningest.rfid.Undecodable;
import java.time.DateTimeException;
import java.time.Instant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Judges each scan of a batch on its own and turns the good ones into {@link ScanObserved}
 * observations of the session. A refused scan is reported with its position and reason; the
 * scans beside it go on.
 */
public final class ScanIntake {

    public static final int MAX_CODE_LENGTH = 512;
    public static final int MAX_ID_LENGTH = 128;

    private final BarcodeDecoder decoder;

    public ScanIntake(BarcodeDecoder decoder) {
        this.decoder = decoder;
    }

    /** @param receivedAt the time of a scan that carries none */
    public IntakeResult intake(String sessionId, String deviceId, List<ScanInput> scans, Instant receivedAt) {
        List<ScanObserved> accepted = new ArrayList<>(scans.size());
        List<Rejection> rejected = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        for (int index = 0; index < scans.size(); index++) {
            ScanInput scan = scans.get(index);
            try {
                accepted.add(observe(sessionId, deviceId, index, scan, receivedAt, clientIds));
            } catch (RejectedScan e) {
                rejected.add(new Rejection(index, scan.code(), e.reason, e.getMessage()));
            } catch (InvalidBarcodeException e) {
                rejected.add(new Rejection(index, scan.code(), e.error().name(), e.getMessage()));
            }
        }
        return new IntakeResult(accepted, rejected);
    }

    private ScanObserved observe(String sessionId, String deviceId, int index, ScanInput scan, Instant receivedAt,
                                 Set<String> clientIds) {
        String code = scan.code();
        if (code == null || code.isBlank()) {
            throw new RejectedScan(ScanRejection.BLANK_CODE, "code must not be blank");
        }
        if (code.length() > MAX_CODE_LENGTH) {
            throw new RejectedScan(ScanRejection.CODE_TOO_LONG, "code must have at most " + MAX_CODE_LENGTH + " characters");
        }
        ScanType type = ScanType.parse(scan.type()).orElseThrow(() -> new RejectedScan(ScanRejection.UNKNOWN_TYPE,
                "type must be barcode, bin, serial or epc, was '" + scan.type() + "'"));
        Instant observedAt = scan.scannedAt() == null ? receivedAt : instant(scan.scannedAt());
        if (type == ScanType.EPC) {
            return epc(sessionId, deviceId, code, observedAt);
        }
        String observationId;
        if (scan.id() != null) {
            observationId = clientId(scan.id(), clientIds);
        } else if (scan.scannedAt() != null) {
            observationId = ObservationIds.derive(sessionId, deviceId, observedAtAsSent(scan), index, code);
        } else {
            // nothing the device sent tells two real scans of one code apart: each is its own observation
            observationId = UUID.randomUUID().toString();
        }

        String gtin = null;
        String serial = null;
        String lot = null;
        if (type == ScanType.BARCODE) {
            DecodedBarcode barcode = decoder.decode(code);
            gtin = barcode.gtin();
            serial = barcode.serial().orElse(null);
            lot = barcode.lot().orElse(null);
        }
        return new ScanObserved(observationId, sessionId, deviceId, type.kind(), code, gtin, serial, lot, null, observedAt);
    }

    /**
     * A tag is one item however often it is read: its observation id is the session's and the EPC's
     * alone, so every read of it after the first — in this batch, a later one, from another reader or
     * after a restart — is dropped by count-service's idempotency.
     */
    private static ScanObserved epc(String sessionId, String deviceId, String code, Instant observedAt) {
        EpcDecoding epc = Epc.decode(code);
        if (epc instanceof Undecodable u && Undecodable.NOT_HEX.equals(u.reason())) {
            throw new RejectedScan(ScanRejection.INVALID_EPC, "an EPC must be hexadecimal, was '" + code + "'");
        }
        String gtin = epc instanceof Sgtin sgtin ? sgtin.gtin() : null;
        String serial = epc instanceof Sgtin sgtin ? sgtin.serial() : null;
        return new ScanObserved(ObservationIds.ofEpc(sessionId, epc.epcHex()), sessionId, deviceId, CodeKind.EPC,
                epc.epcHex(), gtin, serial, null, null, observedAt);
    }

    /** The time as the device sent it, normalised so "+00:00" and "Z" name the same scan. */
    private static String observedAtAsSent(ScanInput scan) {
        return scan.scannedAt() == null ? null : instant(scan.scannedAt()).toString();
    }

    private static Instant instant(String iso) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeException e) {
            throw new RejectedScan(ScanRejection.INVALID_SCANNED_AT,
                    "scannedAt must be an ISO-8601 instant such as 2025-03-01T10:15:30Z, was '" + iso + "'");
        }
    }

    private static String clientId(String id, Set<String> seen) {
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new RejectedScan(ScanRejection.INVALID_ID, "id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (!seen.add(id)) {
            throw new RejectedScan(ScanRejection.DUPLICATE_ID, "id " + id + " appears earlier in this batch");
        }
        return id;
    }

    private static final class RejectedScan extends RuntimeException {
        private final String reason;

        RejectedScan(ScanRejection reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason.name();
        }
    }
}
