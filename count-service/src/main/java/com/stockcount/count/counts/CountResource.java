package com.stockcount.count.counts;

import com.stockcount.count.security.Caller;
import com.stockcount.count.security.Permission;
import com.stockcount.count.sessions.SessionView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
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
import java.util.List;

/** Plan counts and look them up; a new count comes with its default session, lines snapshotted from inventory. */
@Path("/counts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class CountResource {

    @Inject
    CountService service;
    @Inject
    CountQueries queries;
    @Inject
    Caller caller;

    /**
     * @param bin          the one bin to count; absent for the whole site
     * @param plannedStart absent for now
     * @param directed     DIRECTED only: the SKUs to count; absent: every product in scope
     */
    public record NewCount(
            @NotBlank String site,
            @NotBlank String name,
            @NotNull @Pattern(regexp = "HARD|DIRECTED", message = "must be HARD or DIRECTED") String type,
            String bin,
            Instant plannedStart,
            String notes,
            List<@NotBlank String> directed) {
    }

    /** @param bin one bin of the count's scope, or {@code area} one area of it; neither: the count's whole scope */
    public record NewSession(@NotBlank String name, String area, String bin) {
    }

    @POST
    @Path("/{id}/sessions")
    public Response addSession(@PathParam("id") String id, @NotNull @Valid NewSession body) {
        caller.require(Permission.WORK);
        visible(id);
        SessionView session = service.addSession(id, body);
        return Response.created(URI.create("/sessions/" + session.id())).entity(session).build();
    }

    @POST
    public Response create(@NotNull @Valid NewCount body) {
        caller.require(Permission.CREATE_COUNT);
        if (!caller.grantedSite(body.site())) {
            throw new ForbiddenException("site " + body.site() + " is not one of your sites");
        }
        CountView count = service.create(body);
        return Response.created(URI.create("/counts/" + count.id())).entity(count).build();
    }

    @GET
    @Path("/{id}")
    public CountView get(@PathParam("id") String id) {
        caller.require(Permission.VIEW);
        return visible(id);
    }

    @GET
    public Page<CountView> list(@QueryParam("site") String site, @QueryParam("after") String after,
                                @QueryParam("limit") Integer limit) {
        caller.require(Permission.VIEW);
        if (site != null && !site.isBlank() && !caller.grantedSite(site)) {
            throw new ForbiddenException("site " + site + " is not one of your sites");
        }
        return queries.list(site, caller.sites(), after, limit);
    }

    private CountView visible(String id) {
        CountView count = queries.count(id);
        caller.requireSite(count.site(), "count", id);
        return count;
    }
}
