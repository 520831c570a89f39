package com.stockcount.scaningest.infrastructure.rest;

import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.Problem;
import com.stockcount.platform.rest.ProblemException;
import com.stockcount.scaningest.infrastructure.persistence.JdbcReaderRegistry;
import com.stockcount.scaningest.infrastructure.persistence.JdbcReaderRegistry.Registered;
import com.stockcount.scaningest.reader.ReaderKind;
import com.stockcount.scaningest.reader.ImpinjEvents;
import com.stockcount.scaningest.reader.ReadIngestion;
import com.stockcount.scaningest.reader.ReadResult;
import com.stockcount.scaningest.reader.ReaderReport;
import com.stockcount.scaningest.reader.ZebraEvents;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fixed readers: where each counts (site, bin per antenna), which session it feeds while counting, and
 * the endpoints its tag data is posted to, in its own format (the body is taken as bytes and parsed once).
 */
@Path("/readers")
@Tag(name = "Readers", description = "Fixed RFID readers: registry (site, bin per antenna), session binding, and their tag data in the readers' own formats")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ReaderResource {

    private final JdbcReaderRegistry registry;
    private final ReadIngestion ingestion;

    public ReaderResource(JdbcReaderRegistry registry, ReadIngestion ingestion) {
        this.registry = registry;
        this.ingestion = ingestion;
    }

    public record AntennaView(@Min(1) int port, @NotBlank @Size(max = 64) String bin) {
    }

    public record ReaderRequest(@NotBlank @Size(max = 64) String site, @Size(max = 64) String bin,
                                @Size(max = 64) List<@NotNull @Valid AntennaView> antennas) {
    }

    public record DeviceRequest(@NotBlank @Size(max = 64) String site) {
    }

    public record BindingRequest(@NotBlank @Size(max = 128) String sessionId) {
    }

    public record ReaderView(String id, ReaderKind kind, String site, String bin, List<AntennaView> antennas,
                             String sessionId, Instant sessionStartedAt) {
    }

    @PUT
    @Path("{readerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or change a fixed reader: its site, its default bin and the bin of each antenna")
    @APIResponse(responseCode = "200", description = "the reader as registered")
    @APIResponse(responseCode = "400", description = "a field is missing or invalid (named in errors[].field)")
    public ReaderView putReader(@PathParam("readerId") @NotBlank @Size(max = 128) String readerId,
                                @NotNull @Valid ReaderRequest request) {
        Map<Integer, String> antennas = new HashMap<>();
        for (AntennaView a : request.antennas() == null ? List.<AntennaView>of() : request.antennas()) {
            if (antennas.put(a.port(), a.bin()) != null) {
                throw ProblemException.badField("antennas", "antenna port " + a.port() + " appears twice");
            }
        }
        return view(registry.register(readerId, ReaderKind.READER, request.site(), request.bin(), antennas));
    }

    @GET
    @Path("{readerId}")
    @Operation(summary = "A reader or device, with its binding")
    @APIResponse(responseCode = "200", description = "found")
    @APIResponse(responseCode = "404", description = "not registered")
    public ReaderView get(@PathParam("readerId") String readerId) {
        return registry.get(readerId).map(ReaderResource::view).orElseThrow(() -> ProblemException.notFound("reader", readerId));
    }

    @GET
    @Operation(summary = "Readers and devices in id order, paged with after/limit")
    @APIResponse(responseCode = "200", description = "a page")
    public Page<ReaderView> list(@QueryParam("after") String after,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<ReaderView> items = registry.list(after, limit).stream().map(ReaderResource::view).toList();
        return new Page<>(items, items.size() == limit ? items.get(items.size() - 1).id() : null);
    }

    @PUT
    @Path("{readerId}/session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start: the reader's reads count in this session from now on")
    @APIResponse(responseCode = "200", description = "bound")
    @APIResponse(responseCode = "404", description = "reader not registered")
    public ReaderView bindReader(@PathParam("readerId") String readerId, @NotNull @Valid BindingRequest request) {
        return view(registry.bind(readerId, ReaderKind.READER, request.sessionId()));
    }

    @DELETE
    @Path("{readerId}/session")
    @Operation(summary = "Stop: the reader's reads are only measured from now on")
    @APIResponse(responseCode = "204", description = "unbound")
    @APIResponse(responseCode = "404", description = "reader not registered")
    public void unbindReader(@PathParam("readerId") String readerId) {
        registry.unbind(readerId, ReaderKind.READER);
    }

    static ReaderView view(Registered r) {
        List<AntennaView> antennas = r.setup().antennas().entrySet().stream()
                .map(e -> new AntennaView(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparingInt(AntennaView::port)).toList();
        return new ReaderView(r.setup().readerId(), r.setup().kind(), r.setup().site(), r.setup().bin(), antennas,
                r.setup().sessionId(), r.sessionStartedAt());
    }

    @POST
    @Path("{readerId}/impinj")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Impinj IoT device interface events (webhook JSON array, or one event per line as streamed)")
    @APIResponse(responseCode = "202", description = "taken; see what was counted, acknowledged and refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReadResponse.class)))
    @APIResponse(responseCode = "400", description = "the body is not JSON, or every event in it was refused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the event log is slow or down: send the same body after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response impinj(@PathParam("readerId") @Size(min = 1, max = 128) String readerId,
                           @HeaderParam(ScanResource.CORRELATION_ID) String correlationId, byte[] body) {
        return answer(readerId, ImpinjEvents.parse(body), correlationId);
    }

    @POST
    @Path("{readerId}/zebra")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Zebra IoT Connector tag data (one object, an array, or objects one after another)")
    @APIResponse(responseCode = "202", description = "taken; see what was counted, acknowledged and refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReadResponse.class)))
    @APIResponse(responseCode = "400", description = "the body is not JSON, or every event in it was refused",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the event log is slow or down: send the same body after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response zebra(@PathParam("readerId") @Size(min = 1, max = 128) String readerId,
                          @HeaderParam(ScanResource.CORRELATION_ID) String correlationId, byte[] body) {
        return answer(readerId, ZebraEvents.parse(body), correlationId);
    }

    private Response answer(String readerId, ReaderReport report, String correlationId) {
        if (report.reads().isEmpty() && report.otherEvents().isEmpty()) {
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(new RejectedEventsProblem("about:blank", "Bad Request",
                    400, "none of the " + report.rejected().size() + " events was taken; see rejected", report.rejected())).build();
        }
        ReadResult result = ingestion.ingest(readerId, report, correlationId);
        return Response.accepted(response(result, 0)).type(MediaType.APPLICATION_JSON).build();
    }

    static ReadResponse response(ReadResult r, int barcodes) {
        return new ReadResponse(r.sessionId() != null, r.sessionId(), r.reads(), r.published(), r.duplicates(),
                r.undecodable(), barcodes, r.otherEvents(), r.rejected());
    }
}
