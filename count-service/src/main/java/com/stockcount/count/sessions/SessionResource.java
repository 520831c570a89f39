package com.stockcount.count.sessions;

import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.sessions.domain.SessionCommands.ClearLine;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.DiscardSession;
import com.stockcount.count.sessions.domain.SessionCommands.EditSession;
import com.stockcount.count.sessions.domain.SessionCommands.ReopenSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.platform.rest.Page;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The session screens: status and totals, the lines (paged), and the counting actions. */
@Path("/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    /** Who completes a session until authentication exists. */
    static final String ANONYMOUS = "anonymous";

    @Inject
    AxonConfiguration axon;
    @Inject
    SessionQueries queries;

    /** @param countedQuantity units found; {@code null} makes the line blank again (not counted) */
    public record LineCount(@PositiveOrZero Long countedQuantity) {
    }

    /** @param area the area label; absent or blank clears it */
    public record SessionEdit(@NotBlank String name, String area) {
    }

    @GET
    public SessionView get(@PathParam("id") String id) {
        return queries.session(id);
    }

    @GET
    @Path("/lines")
    public Page<LineView> lines(@PathParam("id") String id, @QueryParam("after") String after,
                                @QueryParam("limit") Integer limit) {
        return queries.lines(id, after, limit);
    }

    @POST
    @Path("/start")
    public SessionView start(@PathParam("id") String id) {
        axon.commandGateway().sendAndWait(new StartCounting(id));
        return queries.session(id);
    }

    @PUT
    @Path("/lines/{lineId}")
    public LineView count(@PathParam("id") String id, @PathParam("lineId") String lineId, @Valid LineCount body) {
        if (body == null || body.countedQuantity() == null) {
            axon.commandGateway().sendAndWait(new ClearLine(id, lineId));
        } else {
            axon.commandGateway().sendAndWait(new CountLine(id, lineId, body.countedQuantity()));
        }
        return queries.line(id, lineId);
    }

    @POST
    @Path("/complete")
    public SessionView complete(@PathParam("id") String id) {
        axon.commandGateway().sendAndWait(new CompleteSession(id, ANONYMOUS));
        return queries.session(id);
    }

    @POST
    @Path("/reopen")
    public SessionView reopen(@PathParam("id") String id) {
        axon.commandGateway().sendAndWait(new ReopenSession(id, ANONYMOUS));
        return queries.session(id);
    }

    @POST
    @Path("/discard")
    public SessionView discard(@PathParam("id") String id) {
        axon.commandGateway().sendAndWait(new DiscardSession(id, ANONYMOUS));
        return queries.session(id);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView edit(@PathParam("id") String id, @NotNull @Valid SessionEdit body) {
        axon.commandGateway().sendAndWait(new EditSession(id, ANONYMOUS, body.name(), body.area()));
        return queries.session(id);
    }
}
