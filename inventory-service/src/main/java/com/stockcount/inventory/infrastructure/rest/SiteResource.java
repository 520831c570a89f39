package com.stockcount.inventory.infrastructure.rest;

import com.stockcount.inventory.Upserted;
import com.stockcount.inventory.site.Bin;
import com.stockcount.inventory.site.Site;
import com.stockcount.inventory.site.SiteService;
import com.stockcount.platform.rest.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/sites")
@Tag(name = "sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteResource {

    public record CreateSite(@NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String code,
                             @NotBlank String name) {
    }

    public record CreateBin(@NotBlank @Pattern(regexp = Codes.PATTERN, message = Codes.MESSAGE) String code,
                            @NotBlank String area) {
    }

    @Inject
    SiteService sites;

    @POST
    @Operation(summary = "Create a site: 201, or 200 when the same site exists, 409 when its code has other data")
    public Response create(@Valid @NotNull CreateSite body) throws SQLException {
        return created(sites.create(new Site(body.code(), body.name())));
    }

    @GET
    @Path("/{site}")
    public Site get(@PathParam("site") String site) throws SQLException {
        return sites.get(site);
    }

    @GET
    @Operation(summary = "Sites by code, paged")
    public Page<Site> list(@QueryParam("after") String after, @QueryParam("limit") Integer limit) throws SQLException {
        return sites.list(after, Page.limit(limit));
    }

    @POST
    @Path("/{site}/bins")
    @Operation(summary = "Create a bin: 201, or 200 when the same bin exists, 409 when its code has another area")
    public Response createBin(@PathParam("site") String site, @Valid @NotNull CreateBin body) throws SQLException {
        return created(sites.createBin(new Bin(site, body.code(), body.area())));
    }

    @GET
    @Path("/{site}/bins/{bin}")
    public Bin getBin(@PathParam("site") String site, @PathParam("bin") String bin) throws SQLException {
        return sites.getBin(site, bin);
    }

    @GET
    @Path("/{site}/bins")
    @Operation(summary = "Bins of a site by code, paged, optionally of one area")
    public Page<Bin> listBins(@PathParam("site") String site, @QueryParam("area") String area,
                              @QueryParam("after") String after, @QueryParam("limit") Integer limit) throws SQLException {
        return sites.listBins(site, area, after, Page.limit(limit));
    }

    static Response created(Upserted<?> result) {
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(result.value()).build();
    }
}
