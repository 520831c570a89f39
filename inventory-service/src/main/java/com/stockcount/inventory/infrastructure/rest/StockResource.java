package com.stockcount.inventory.infrastructure.rest;

import com.stockcount.inventory.stock.LedgerEntry;
import com.stockcount.inventory.stock.Pick;
import com.stockcount.inventory.stock.QuantView;
import com.stockcount.inventory.stock.Receipt;
import com.stockcount.inventory.stock.StockQueries;
import com.stockcount.inventory.stock.StockService;
import com.stockcount.inventory.stock.UnitView;
import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sites/{site}")
@Tag(name = "stock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StockResource {

    public record QuantityAt(String quantId, Instant at, long quantity) {
    }

    @Inject
    StockService stock;

    @Inject
    StockQueries queries;

    @POST
    @Path("/receipts")
    @Operation(summary = "Receive goods into a bin: creates or grows the quant, writes a 'receipt' ledger entry")
    public Response receive(@PathParam("site") String site, @Valid @NotNull Receipt body) throws SQLException {
        return Response.status(Response.Status.CREATED).entity(stock.receive(site, body)).build();
    }

    @POST
    @Path("/picks")
    @Operation(summary = "Pick goods from a bin: writes a 'pick' ledger entry; 409 if the quant would go below zero")
    public Response pick(@PathParam("site") String site, @Valid @NotNull Pick body) throws SQLException {
        return Response.status(Response.Status.CREATED).entity(stock.pick(site, body)).build();
    }

    @GET
    @Path("/quants")
    @Operation(summary = "Quants with quantity > 0, ordered by id; cursor ?after= is the last id of the previous page")
    public Page<QuantView> quants(@PathParam("site") String site, @QueryParam("bin") String bin,
                                  @QueryParam("area") String area, @QueryParam("sku") String sku,
                                  @QueryParam("after") String after, @QueryParam("limit") Integer limit)
            throws SQLException {
        return queries.quants(site, bin, area, sku, after, Page.limit(limit));
    }

    @GET
    @Path("/quants/{quantId}")
    public QuantView quant(@PathParam("site") String site, @PathParam("quantId") String quantId) throws SQLException {
        return queries.quant(site, quantId);
    }

    @GET
    @Path("/quants/{quantId}/units")
    @Operation(summary = "Serialized units (serials or EPCs) linked to the quant, by serial, paged")
    public Page<UnitView> units(@PathParam("site") String site, @PathParam("quantId") String quantId,
                                @QueryParam("after") String after, @QueryParam("limit") Integer limit)
            throws SQLException {
        return queries.units(site, quantId, after, Page.limit(limit));
    }

    @GET
    @Path("/quants/{quantId}/quantity-at")
    @Operation(summary = "The quant's quantity at an instant, from the ledger (0 before its first entry)")
    public QuantityAt quantityAt(@PathParam("site") String site, @PathParam("quantId") String quantId,
                                 @QueryParam("at") String at) throws SQLException {
        if (at == null || at.isBlank()) {
            throw ProblemException.badField("at", "required, an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField("at", "not an ISO-8601 instant: " + at);
        }
        return new QuantityAt(quantId, instant, queries.quantityAt(site, quantId, instant));
    }

    @GET
    @Path("/ledger")
    @Operation(summary = "Ledger entries of the site ordered by id, optionally by reason, type, sku, bin")
    public Page<LedgerEntry> ledger(@PathParam("site") String site, @QueryParam("reason") String reason,
                                    @QueryParam("type") String type, @QueryParam("sku") String sku,
                                    @QueryParam("bin") String bin, @QueryParam("after") String after,
                                    @QueryParam("limit") Integer limit) throws SQLException {
        return queries.ledger(site, reason, type, sku, bin, after, Page.limit(limit));
    }
}
