package com.stockcount.scaningest.infrastructure.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device's batch. Only the envelope is validated here; each scan is judged on its own by the intake. */
@Schema(name = "ScanBatch")
public record ScanBatchRequest(
        @Schema(description = "handheld, scanner or reader that produced the scans", examples = "hh-7")
        @NotBlank @Size(max = 128) String deviceId,
        @Schema(description = "1 to " + ScanBatchRequest.MAX_SCANS + " scans, in the order they were taken")
        @NotNull @Size(min = 1, max = ScanBatchRequest.MAX_SCANS) List<@NotNull @Valid ScanRequest> scans) {

    public static final int MAX_SCANS = 5000;

    @Schema(name = "Scan")
    public record ScanRequest(
            @Schema(description = "the device's own unique id for this scan; becomes the observation id. "
                    + "Without it the id is derived from session, device, scannedAt, position and code")
            String id,
            @Schema(required = true, description = "what was scanned: a GTIN (UPC-A, EAN-13, EAN-8, GTIN-14), a GS1 "
                    + "element string (human-readable with parentheses, or raw with GS separators and an optional "
                    + "]C1/]d2/]Q3 prefix), a bin code or a serial", examples = "(01)09506000134352(21)ABC")
            String code,
            @Schema(enumeration = {"barcode", "bin", "serial"}, defaultValue = "barcode")
            String type,
            @Schema(format = "date-time", description = "when it was scanned; defaults to when the batch was received")
            String scannedAt) {
    }
}
