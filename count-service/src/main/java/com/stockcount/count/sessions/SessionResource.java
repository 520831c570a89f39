package com.stockcount.count.sessions;

import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.security.Caller;
import com.stockcount.count.security.Permission;
import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.count.sessions.domain.SessionCommands.ClearLine;
import com.stockcount.count.sessions.domain.SessionCommands.CompleteSession;
import com.stockcount.count.sessions.domain.SessionCommands.CountLine;
import com.stockcount.count.sessions.domain.SessionCommands.DiscardSession;
import com.stockcount.count.sessions.domain.SessionCommands.EditSession;
import com.stockcount.count.sessions.domain.SessionCommands.ForceReleaseLock;
import com.stockcount.count.sessions.domain.SessionCommands.ReleaseLock;
import com.stockcount.count.sessions.domain.SessionCommands.ReopenSession;
import com.stockcount.count.sessions.domain.SessionCommands.StartCounting;
import com.stockcount.count.sessions.domain.SessionCommands.TakeLock;
import com.stockcount.count.sessions.domain.SessionCommands.TypeSerial;
import com.stockcount.platform.rest.Page;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The session screens: status and totals, the lines (paged), and the counting actions. Every call
 * needs a token; the session's site must be one of the caller's (else 404), the action one of
 * their permissions (else 403). Who acts is the user, or the device named by {@code X-Device-Id}.
 */
@Path("/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SessionResource {

    @Inject
    AxonConfiguration axon;
    @Inject
    SessionQueries queries;
    @Inject
    Caller caller;
    @Inject
    SessionAccess access;

    @ConfigProperty(name = "stockcount.session.lock-ttl", defaultValue = "PT10M")
    Duration lockTtl;

    /** @param countedQuantity units found; {@code null} makes the line blank again (not counted) */
    public record LineCount(@PositiveOrZero Long countedQuantity) {
    }

    /** @param area the area label; absent or blank clears it */
    public record SessionEdit(@NotBlank String name, String area) {
    }

    /** @param deviceId the device that takes the lock; absent: the calling user takes it */
    public record LockRequest(String deviceId) {
    }

    @GET
    public SessionView get(@PathParam("id") String id) {
        return access.require(id, Permission.VIEW);
    }

    @GET
    @Path("/lines")
    public Page<LineView> lines(@PathParam("id") String id, @QueryParam("after") String after,
                                @QueryParam("limit") Integer limit) {
        visible(id, Permission.VIEW);
        return queries.lines(id, after, limit);
    }

    @POST
    @Path("/start")
    public SessionView start(@PathParam("id") String id) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new StartCounting(id, caller.actor(), caller.may(Permission.PRE_START)));
        return queries.session(id);
    }

    @PUT
    @Path("/lines/{lineId}")
    public LineView count(@PathParam("id") String id, @PathParam("lineId") String lineId, @Valid LineCount body) {
        visible(id, Permission.WORK);
        if (body == null || body.countedQuantity() == null) {
            axon.commandGateway().sendAndWait(new ClearLine(id, caller.actor(), lineId));
        } else {
            axon.commandGateway().sendAndWait(new CountLine(id, caller.actor(), lineId, body.countedQuantity()));
        }
        return queries.line(id, lineId);
    }

    /** @param serial a serial typed or scanned on a SERIAL/RFID line; the line's count is its distinct serials */
    public record SerialEntry(@NotBlank String serial) {
    }

    @POST
    @Path("/lines/{lineId}/serials")
    @Consumes(MediaType.APPLICATION_JSON)
    public LineView serial(@PathParam("id") String id, @PathParam("lineId") String lineId,
                           @NotNull @Valid SerialEntry body) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new TypeSerial(id, caller.actor(), UUID.randomUUID().toString(), lineId,
                body.serial()));
        return queries.line(id, lineId);
    }

    @POST
    @Path("/complete")
    public SessionView complete(@PathParam("id") String id) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new CompleteSession(id, caller.actor()));
        return queries.session(id);
    }

    @POST
    @Path("/reopen")
    public SessionView reopen(@PathParam("id") String id) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new ReopenSession(id, caller.actor()));
        return queries.session(id);
    }

    @POST
    @Path("/discard")
    public SessionView discard(@PathParam("id") String id) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new DiscardSession(id, caller.actor()));
        return queries.session(id);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public SessionView edit(@PathParam("id") String id, @NotNull @Valid SessionEdit body) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new EditSession(id, caller.actor(), body.name(), body.area()));
        return queries.session(id);
    }

    /** Take the lock for the user or a device, or renew it (heartbeat); it lapses after the TTL unless renewed. */
    @POST
    @Path("/lock")
    public SessionView lock(@PathParam("id") String id, LockRequest body) {
        visible(id, Permission.WORK);
        String holder = body != null && body.deviceId() != null && !body.deviceId().isBlank()
                ? SessionAggregate.DEVICE + body.deviceId().strip() : caller.actor();
        axon.commandGateway().sendAndWait(new TakeLock(id, holder, lockTtl));
        return queries.session(id);
    }

    @DELETE
    @Path("/lock")
    public SessionView unlock(@PathParam("id") String id) {
        visible(id, Permission.WORK);
        axon.commandGateway().sendAndWait(new ReleaseLock(id, caller.actor()));
        return queries.session(id);
    }

    @POST
    @Path("/lock/force-release")
    public SessionView forceRelease(@PathParam("id") String id) {
        visible(id, Permission.FORCE_RELEASE);
        axon.commandGateway().sendAndWait(new ForceReleaseLock(id, caller.user()));
        return queries.session(id);
    }

    private void visible(String id, Permission needed) {
        access.check(id, needed);
    }
}
