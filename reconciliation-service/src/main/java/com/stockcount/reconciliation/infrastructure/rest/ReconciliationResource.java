package com.stockcount.reconciliation.infrastructure.rest;

import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import com.stockcount.reconciliation.report.ReconciliationCsv;
import com.stockcount.reconciliation.report.ReconciliationLine;
import com.stockcount.reconciliation.report.ReconciliationReport;
import com.stockcount.reconciliation.report.ReconciliationReports;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reconciliation report of a session and of a count, as JSON or as a downloadable CSV of every line. */
@Path("/")
@Tag(name = "Reconciliation", description = "What a completed session, or a whole count, changed in inventory")
public class ReconciliationResource {

    static final String CSV = "text/csv";

    @Inject
    ReconciliationReports reports;

    @GET
    @Path("sessions/{id}/reconciliation")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "The reconciliation of the session's latest completed revision",
            description = "Status, summary (accuracy, variance in units and value) and the first page of lines;"
                    + " with Accept: text/csv, every line as CSV.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReconciliationReport.class)),
                    @Content(mediaType = CSV)})
    @APIResponse(responseCode = "404", description = "No completed session with this id has been received")
    public Response sessionReport(@PathParam("id") String sessionId, @Context HttpHeaders headers)
            throws SQLException {
        if (wantsCsv(headers)) {
            return sessionCsv(sessionId);
        }
        return Response.ok(reports.sessionReport(sessionId, Page.DEFAULT_LIMIT)
                .orElseThrow(() -> unknown("reconciled session", sessionId)), MediaType.APPLICATION_JSON).build();
    }

    private Response sessionCsv(String sessionId) throws SQLException {
        reports.sessionLines(sessionId, null, 1).orElseThrow(() -> unknown("reconciled session", sessionId));
        return csv("session-" + sessionId, out -> ReconciliationCsv.write(
                (after, limit) -> reports.sessionLines(sessionId, after, limit), out));
    }

    @GET
    @Path("sessions/{id}/reconciliation.csv")
    @Produces(CSV)
    @Operation(summary = "Every line of the session's reconciliation as CSV")
    @APIResponse(responseCode = "200", description = "CSV with a header row")
    @APIResponse(responseCode = "404", description = "No completed session with this id has been received")
    public Response sessionCsvFile(@PathParam("id") String sessionId) throws SQLException {
        return sessionCsv(sessionId);
    }

    @GET
    @Path("sessions/{id}/reconciliation/lines")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Counted lines with their variance and adjustment outcome, paged by line id")
    @APIResponse(responseCode = "200", description = "One page of lines; pass next as ?after= for the following page")
    @APIResponse(responseCode = "400", description = "limit out of range")
    @APIResponse(responseCode = "404", description = "No completed session with this id has been received")
    public Page<ReconciliationLine> sessionLines(@PathParam("id") String sessionId,
                                                 @Parameter(description = "cursor: the next of the previous page")
                                                 @QueryParam("after") String after,
                                                 @Parameter(description = "page size, 1..1000, default 100")
                                                 @QueryParam("limit") Integer limit) throws SQLException {
        int size = Page.limit(limit);
        return reports.sessionLines(sessionId, after, size).orElseThrow(() -> unknown("reconciled session", sessionId));
    }

    @GET
    @Path("counts/{id}/reconciliation")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "The reconciliation of a count: one line per quant its active sessions cover",
            description = "Sessions covering the same quant add up; discarded sessions count for nothing."
                    + " With Accept: text/csv, every line as CSV.")
    @APIResponse(responseCode = "200", description = "The report",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReconciliationReport.class)),
                    @Content(mediaType = CSV)})
    @APIResponse(responseCode = "404", description = "No session of this count has been reconciled")
    public Response countReport(@PathParam("id") String countId, @Context HttpHeaders headers) throws SQLException {
        if (wantsCsv(headers)) {
            return countCsv(countId);
        }
        return Response.ok(reports.countReport(countId, Page.DEFAULT_LIMIT)
                .orElseThrow(() -> unknown("reconciled count", countId)), MediaType.APPLICATION_JSON).build();
    }

    private Response countCsv(String countId) throws SQLException {
        reports.countLines(countId, null, 1).orElseThrow(() -> unknown("reconciled count", countId));
        return csv("count-" + countId, out -> ReconciliationCsv.write(
                (after, limit) -> reports.countLines(countId, after, limit), out));
    }

    @GET
    @Path("counts/{id}/reconciliation.csv")
    @Produces(CSV)
    @Operation(summary = "Every quant of the count's reconciliation as CSV")
    @APIResponse(responseCode = "200", description = "CSV with a header row")
    @APIResponse(responseCode = "404", description = "No session of this count has been reconciled")
    public Response countCsvFile(@PathParam("id") String countId) throws SQLException {
        return countCsv(countId);
    }

    @GET
    @Path("counts/{id}/reconciliation/lines")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The count's quants with their variance and adjustment outcome, paged")
    @APIResponse(responseCode = "200", description = "One page; pass next as ?after= for the following page")
    @APIResponse(responseCode = "400", description = "limit or after invalid")
    @APIResponse(responseCode = "404", description = "No session of this count has been reconciled")
    public Page<ReconciliationLine> countLines(@PathParam("id") String countId,
                                               @Parameter(description = "cursor: the next of the previous page")
                                               @QueryParam("after") String after,
                                               @Parameter(description = "page size, 1..1000, default 100")
                                               @QueryParam("limit") Integer limit) throws SQLException {
        int size = Page.limit(limit);
        return reports.countLines(countId, after, size).orElseThrow(() -> unknown("reconciled count", countId));
    }

    /** CSV only when asked for by name: a client accepting anything gets JSON. */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    private static Response csv(String name, StreamingOutput body) {
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "-reconciliation.csv\"").build();
    }

    private static ProblemException unknown(String what, String id) {
        return ProblemException.notFound(what, id);
    }
}
