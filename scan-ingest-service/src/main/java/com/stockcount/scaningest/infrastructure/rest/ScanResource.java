package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.platform.rest.Problem;
import com.stockcount.scaningest.infrastructure.rest.ScanBatchRequest.ScanRequest;
import com.stockcount.scaningest.scan.IntakeResult;
import com.stockcount.scaningest.scan.ScanIngestion;
import com.stockcount.scaningest.scan.ScanInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sessions/{sessionId}/scans")
@Tag(name = "Scans", description = "Barcode, bin-label and serial scans of handhelds, per count session")
public class ScanResource {

    public static final String CORRELATION_ID = "X-Correlation-Id";

    private final ScanIngestion ingestion;

    public ScanResource(ScanIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Record a batch of scans for a session",
            description = "Each scan is judged on its own: the valid ones are published to scan.observation.v1 "
                    + "(key: sessionId) before the answer; invalid ones are listed under rejected. "
                    + "Sending the same batch again is safe: the observation ids are stable.")
    @APIResponse(responseCode = "202", description = "at least one scan accepted and stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanBatchResponse.class)))
    @APIResponse(responseCode = "400", description = "malformed batch (problem naming the field), or every scan rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = RejectedBatchProblem.class)))
    @APIResponse(responseCode = "503", description = "the event log did not acknowledge in time; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("sessionId") @NotBlank @Size(max = 128) String sessionId,
                           @HeaderParam(CORRELATION_ID) String correlationId,
                           @NotNull @Valid ScanBatchRequest batch) {
        List<ScanInput> scans = batch.scans().stream().map(ScanResource::input).toList();
        IntakeResult result = ingestion.ingest(sessionId, batch.deviceId(), scans, correlationId);
        if (result.accepted().isEmpty()) {
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(RejectedBatchProblem.of(result.rejected())).build();
        }
        return Response.accepted(new ScanBatchResponse(result.accepted().size(), result.rejected()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private static ScanInput input(ScanRequest scan) {
        return new ScanInput(scan.id(), scan.code(), scan.type(), scan.scannedAt());
    }
}
