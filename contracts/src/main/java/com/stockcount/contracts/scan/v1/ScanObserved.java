package com.stockcount.contracts.scan.v1;

import com.stockcount.contracts.Require;
import java.time.Instant;

/**
 * One scan or tag read attributed to a count session. Topic {@code scan.observation.v1}, key: session id.
 *
 * @param observationId unique and stable per observation: a redelivery carries the same id, so
 *                      count-service applies it once
 * @param sessionId     the count session the scanning device was working
 * @param deviceId      handheld, scanner or reader that produced it
 * @param kind          what the code is
 * @param code          the code as scanned (barcode data, bin code, serial, EPC hex)
 * @param gtin          GTIN-14 decoded from the code, or {@code null} when it did not decode to one
 * @param serial        serial decoded from a GS1 (21) or an SGTIN, or {@code null}
 * @param lot           lot decoded from a GS1 (10), or {@code null}
 * @param bin           bin the device reported (reader antenna mapping), or {@code null}: the session's current bin applies
 * @param observedAt    when the device saw it
 */
public record ScanObserved(
        String observationId,
        String sessionId,
        String deviceId,
        CodeKind kind,
        String code,
        String gtin,
        String serial,
        String lot,
        String bin,
        Instant observedAt) {

    public static final String TYPE = "ScanObserved";
    public static final int VERSION = 1;

    public ScanObserved {
        Require.text(observationId, "observationId");
        Require.text(sessionId, "sessionId");
        Require.text(deviceId, "deviceId");
        Require.present(kind, "kind");
        Require.text(code, "code");
        Require.present(observedAt, "observedAt");
    }
}
