package com.stockcount.inventory.infrastructure.rest;

import com.stockcount.inventory.stock.SiteUnit;
import com.stockcount.inventory.stock.SiteUnits;
import com.stockcount.platform.rest.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sites/{site}/units")
@Tag(name = "stock")
@Produces(MediaType.APPLICATION_JSON)
public class SiteUnitResource {

    @Inject
    SiteUnits units;

    @GET
    @Operation(summary = "Serialized units of the quants holding stock in the site (optionally one bin and/or area),"
            + " each with its quantId, serial and epc (RFID); ordered by quant and serial, cursor ?after= from next")
    public Page<SiteUnit> units(@PathParam("site") String site, @QueryParam("bin") String bin,
                                @QueryParam("area") String area, @QueryParam("after") String after,
                                @QueryParam("limit") Integer limit) throws SQLException {
        return units.units(site, bin, area, after, Page.limit(limit));
    }
}
