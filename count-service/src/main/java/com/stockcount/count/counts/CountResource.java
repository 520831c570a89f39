package com.stockcount.count.counts;

import com.stockcount.count.sessions.SessionView;
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
import java.net.URI;
import java.time.Instant;

/** Plan counts and look them up; a new count comes with its default session, lines snapshotted from inventory. */
@Path("/counts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CountResource {

    @Inject
    CountService service;
    @Inject
    CountQueries queries;

    /**
     * @param bin          the one bin to count; absent for the whole site
     * @param plannedStart absent for now
     */
    public record NewCount(
            @NotBlank String site,
            @NotBlank String name,
            @NotNull @Pattern(regexp = "HARD|DIRECTED", message = "must be HARD or DIRECTED") String type,
            String bin,
            Instant plannedStart,
            String notes) {
    }

    /** @param bin one bin of the count's scope, or {@code area} one area of it; neither: the count's whole scope */
    public record NewSession(@NotBlank String name, String area, String bin) {
    }

    @POST
    @Path("/{id}/sessions")
    public Response addSession(@PathParam("id") String id, @NotNull @Valid NewSession body) {
        SessionView session = service.addSession(id, body);
        return Response.created(URI.create("/sessions/" + session.id())).entity(session).build();
    }

    @POST
    public Response create(@NotNull @Valid NewCount body) {
        CountView count = service.create(body);
        return Response.created(URI.create("/counts/" + count.id())).entity(count).build();
    }

    @GET
    @Path("/{id}")
    public CountView get(@PathParam("id") String id) {
        return queries.count(id);
    }

    @GET
    public Page<CountView> list(@QueryParam("site") String site, @QueryParam("after") String after,
                                @QueryParam("limit") Integer limit) {
        return queries.list(site, after, limit);
    }
}
