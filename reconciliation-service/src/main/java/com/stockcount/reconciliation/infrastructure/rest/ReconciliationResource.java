package com.stockcount.reconciliation.infrastructure.rest;

import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import com.stockcount.reconciliation.report.ReconciliationLine;
import com.stockcount.reconciliation.report.ReconciliationReport;
import com.stockcount.reconciliation.report.ReconciliationReports;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sessions/{id}/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reconciliation", description = "What a completed session changed in inventory")
public class ReconciliationResource {

    @Inject
    ReconciliationReports reports;

    @GET
    @Operation(summary = "The reconciliation of the session's latest completed revision",
            description = "Status, summary (accuracy, variance in units and value) and the first page of lines.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "404", description = "No completed session with this id has been received")
    public ReconciliationReport report(@PathParam("id") String sessionId) throws SQLException {
        return reports.report(sessionId, Page.DEFAULT_LIMIT).orElseThrow(() -> unknown(sessionId));
    }

    @GET
    @Path("/lines")
    @Operation(summary = "Counted lines with their variance and adjustment outcome, paged by line id")
    @APIResponse(responseCode = "200", description = "One page of lines; pass next as ?after= for the following page")
    @APIResponse(responseCode = "400", description = "limit out of range")
    @APIResponse(responseCode = "404", description = "No completed session with this id has been received")
    public Page<ReconciliationLine> lines(@PathParam("id") String sessionId,
                                          @Parameter(description = "cursor: the next of the previous page")
                                          @QueryParam("after") String after,
                                          @Parameter(description = "page size, 1..1000, default 100")
                                          @QueryParam("limit") Integer limit) throws SQLException {
        int size = Page.limit(limit);
        return reports.lines(sessionId, after, size).orElseThrow(() -> unknown(sessionId));
    }

    private static ProblemException unknown(String sessionId) {
        return ProblemException.notFound("reconciled session", sessionId);
    }
}
