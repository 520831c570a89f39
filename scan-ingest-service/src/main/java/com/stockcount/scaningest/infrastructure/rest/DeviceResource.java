package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.platform.rest.Problem;
import com.stockcount.platform.rest.ProblemException;
import com.stockcount.scaningest.infrastructure.persistence.JdbcReaderRegistry;
import com.stockcount.scaningest.reader.EventRejection;
import com.stockcount.scaningest.reader.ReaderKind;
import com.stockcount.scaningest.reader.ReadIngestion;
import com.stockcount.scaningest.reader.ReadResult;
import com.stockcount.scaningest.reader.ReaderRegistry;
import com.stockcount.scaningest.reader.ReaderReport;
import com.stockcount.scaningest.reader.ReaderSetup;
import com.stockcount.scaningest.reader.ReaderTimes;
import com.stockcount.scaningest.reader.TagRead;
import com.stockcount.scaningest.rfid.Epc;
import com.stockcount.scaningest.scan.IntakeResult;
import com.stockcount.scaningest.scan.ScanIngestion;
import com.stockcount.scaningest.scan.ScanInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A handheld's plain batch: EPCs its sled read and barcodes it scanned, counted in the session it is bound to. */
@Path("/devices")
@Tag(name = "Handhelds", description = "Handheld sleds: registry, session binding, and plain batches of EPCs and barcodes")
public class DeviceResource {

    public static final int MAX_CODES = 10_000;

    private final JdbcReaderRegistry directory;
    private final ReadIngestion reads;
    private final ScanIngestion scans;
    private final ReaderRegistry registry;
    private final Clock clock;

    public DeviceResource(JdbcReaderRegistry directory, ReadIngestion reads, ScanIngestion scans, ReaderRegistry registry,
                          Clock clock) {
        this.directory = directory;
        this.reads = reads;
        this.scans = scans;
        this.registry = registry;
        this.clock = clock;
    }

    @Schema(name = "HandheldReads")
    public record HandheldReads(
            @Schema(format = "date-time", description = "when the batch was read; default: when it was received") String readAt,
            @Schema(description = "EPCs in hex") @Size(max = MAX_CODES) List<@NotBlank String> epcs,
            @Schema(description = "barcodes (GTIN, GS1 element strings)") @Size(max = MAX_CODES) List<@NotBlank String> barcodes) {
    }

    @POST
    @Path("{deviceId}/reads")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A handheld's batch of EPCs and barcodes")
    @APIResponse(responseCode = "202", description = "taken; see what was counted and what was refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReadResponse.class)))
    @APIResponse(responseCode = "400", description = "malformed batch, naming the field")
    @APIResponse(responseCode = "503", description = "the event log is slow or down: send the same batch after Retry-After seconds")
    public Response record(@PathParam("deviceId") @NotBlank @Size(max = 128) String deviceId,
                           @HeaderParam(ScanResource.CORRELATION_ID) String correlationId,
                           @NotNull HandheldReads batch) {
        List<String> epcs = batch.epcs() == null ? List.of() : batch.epcs();
        List<String> barcodes = batch.barcodes() == null ? List.of() : batch.barcodes();
        if (epcs.isEmpty() && barcodes.isEmpty()) {
            throw ProblemException.badField("epcs", "a batch needs at least one EPC or barcode");
        }
        Instant readAt;
        try {
            readAt = batch.readAt() == null ? clock.instant() : ReaderTimes.parse(batch.readAt());
        } catch (DateTimeException e) {
            throw ProblemException.badField("readAt", "must be an ISO-8601 time with offset, was '" + batch.readAt() + "'");
        }
        List<TagRead> tags = new ArrayList<>();
        List<EventRejection> rejected = new ArrayList<>();
        for (int i = 0; i < epcs.size(); i++) {
            String epc = Epc.normalise(epcs.get(i));
            if (Epc.isHex(epc)) {
                tags.add(new TagRead(epc, null, readAt));
            } else {
                rejected.add(new EventRejection(i, "INVALID_EPC", "epcs[" + i + "] must be hexadecimal, was '" + epcs.get(i) + "'"));
            }
        }
        ReadResult result = reads.ingest(deviceId, new ReaderReport(tags, Map.of(), rejected), correlationId);
        int stored = 0;
        if (!barcodes.isEmpty()) {
            String session = registry.find(deviceId).filter(ReaderSetup::bound).map(ReaderSetup::sessionId).orElse(null);
            if (session != null) {
                // the batch time names each barcode's observation, so a retried batch keeps its ids
                List<ScanInput> inputs = barcodes.stream().map(code -> new ScanInput(null, code, "barcode", readAt.toString())).toList();
                IntakeResult intake = scans.ingest(session, deviceId, inputs, correlationId);
                stored = intake.accepted().size();
                intake.rejected().forEach(r -> rejected.add(new EventRejection(r.index(), r.reason(),
                        "barcodes[" + r.index() + "]: " + r.detail())));
            }
        }
        ReadResult all = new ReadResult(result.sessionId(), result.reads(), result.published(), result.duplicates(),
                result.undecodable(), Map.of(), rejected);
        if (tags.isEmpty() && stored == 0 && !rejected.isEmpty()) {
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(new RejectedEventsProblem("about:blank", "Bad Request",
                    400, "nothing of the batch was taken; see rejected", rejected)).build();
        }
        return Response.accepted(ReaderResource.response(all, stored)).type(MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Path("{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a handheld (sled) at a site")
    @APIResponse(responseCode = "200", description = "the device as registered")
    public ReaderResource.ReaderView putDevice(@PathParam("deviceId") @NotBlank @Size(max = 128) String deviceId,
                                @NotNull @Valid ReaderResource.DeviceRequest request) {
        return ReaderResource.view(directory.register(deviceId, ReaderKind.HANDHELD, request.site(), null, Map.of()));
    }

    @PUT
    @Path("{deviceId}/session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start: the handheld's reads count in this session from now on")
    @APIResponse(responseCode = "200", description = "bound")
    @APIResponse(responseCode = "404", description = "device not registered")
    public ReaderResource.ReaderView bindDevice(@PathParam("deviceId") String deviceId, @NotNull @Valid ReaderResource.BindingRequest request) {
        return ReaderResource.view(directory.bind(deviceId, ReaderKind.HANDHELD, request.sessionId()));
    }

    @DELETE
    @Path("{deviceId}/session")
    @Operation(summary = "Stop: the handheld's reads are only measured from now on")
    @APIResponse(responseCode = "204", description = "unbound")
    public void unbindDevice(@PathParam("deviceId") String deviceId) {
        directory.unbind(deviceId, ReaderKind.HANDHELD);
    }

}
