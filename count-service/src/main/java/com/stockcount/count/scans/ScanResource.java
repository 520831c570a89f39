package com.stockcount.count.scans;

import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.infrastructure.inventory.InventoryClient;
import com.stockcount.count.security.Caller;
import com.stockcount.count.security.Permission;
import com.stockcount.count.sessions.SessionAccess;
import com.stockcount.count.sessions.SessionQueries;
import com.stockcount.count.sessions.SessionView;
import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionCommands.DismissScan;
import com.stockcount.count.sessions.domain.SessionCommands.HandCount;
import com.stockcount.count.sessions.domain.SessionCommands.MatchScan;
import com.stockcount.count.sessions.domain.SessionCommands.MatchScanOnNewLine;
import com.stockcount.count.sessions.domain.SessionCommands.RemoveScan;
import com.stockcount.platform.rest.Page;
import com.stockcount.platform.rest.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scanning screen of seed 2: the categories, removing a wrong scan, matching or dismissing an
 * unmatched one (with candidates found in inventory by the scanned code), and hand-counted items.
 */
@Path("/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class ScanResource {

    @Inject
    AxonConfiguration axon;
    @Inject
    ScanQueries scans;
    @Inject
    SessionQueries sessions;
    @Inject
    SessionAccess access;
    @Inject
    Caller caller;
    @Inject
    InventoryClient inventory;

    public record Match(@NotBlank String sku) {
    }

    public record Dismissal(@NotBlank String reason) {
    }

    /** A product found for an unmatched code; {@code lineId} is null when the session has no line for it. */
    public record Candidate(String sku, String name, String parent, String tracking, List<String> gtins, String lineId) {
    }

    /** One hand-counted item: by {@code sku} or {@code parent} name; {@code quantity} sets, {@code delta} steps. */
    public record HandCountItem(String sku, String parent, Long quantity, Long delta) {
    }

    public record HandCounts(@NotEmpty List<@NotNull HandCountItem> items) {
    }

    @GET
    @Path("/scans")
    public Page<ScanView> list(@PathParam("id") String id, @QueryParam("category") ScanQueries.Category category,
                               @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        access.check(id, Permission.VIEW);
        return scans.list(id, category, after, limit);
    }

    @DELETE
    @Path("/scans/{scanId}")
    public SessionView remove(@PathParam("id") String id, @PathParam("scanId") String scanId) {
        access.check(id, Permission.WORK);
        ScanView scan = scans.scan(id, scanId);
        String key = scan.epc() != null ? scan.epc() : scan.serial();
        axon.commandGateway().sendAndWait(new RemoveScan(id, caller.actor(), scanId, scan.lineId(), key));
        return sessions.session(id);
    }

    @GET
    @Path("/scans/{scanId}/candidates")
    public List<Candidate> candidates(@PathParam("id") String id, @PathParam("scanId") String scanId) {
        access.check(id, Permission.VIEW);
        ScanView scan = scans.scan(id, scanId);
        List<Candidate> found = new ArrayList<>();
        for (InventoryClient.Product p : inventory.products(scan.gtin(), scan.code())) {
            found.add(new Candidate(p.sku(), p.name(), p.parent(), p.tracking(), p.gtins(),
                    sessions.lineOf(id, false, p.sku(), scan.bin()).orElse(null)));
        }
        return found;
    }

    @POST
    @Path("/scans/{scanId}/match")
    public ScanView match(@PathParam("id") String id, @PathParam("scanId") String scanId, @NotNull @Valid Match body) {
        SessionView session = access.require(id, Permission.WORK);
        ScanView scan = scans.scan(id, scanId);
        Optional<String> lineId = sessions.lineOf(id, false, body.sku(), scan.bin());
        if (lineId.isPresent()) {
            axon.commandGateway().sendAndWait(new MatchScan(id, caller.actor(), scanId, lineId.get()));
        } else {
            axon.commandGateway().sendAndWait(new MatchScanOnNewLine(id, caller.actor(), scanId,
                    newLine(session, scan, body.sku())));
        }
        return scans.scan(id, scanId);
    }

    /**
     * A product found on the shelf that the books did not have there: a line with system quantity 0 in the bin the
     * scan was made in (else the session's current bin or its bin), as inventory describes the product.
     */
    private QuantSnapshot newLine(SessionView session, ScanView scan, String sku) {
        InventoryClient.Product product = inventory.products(null, sku).stream().filter(p -> p.sku().equals(sku))
                .findFirst().orElseThrow(() -> ProblemException.badField("sku", "no product " + sku + " in inventory"));
        String bin = scan.bin() != null ? scan.bin() : session.currentBin() != null ? session.currentBin() : session.bin();
        if (bin == null) {
            throw new ProblemException(409, "Conflict", "scan " + scan.id() + " has no bin and the session covers several;"
                    + " scan a bin label, then scan the product again");
        }
        return new QuantSnapshot(null, product.sku(), product.name(), bin, session.area(), "", product.tracking(),
                product.gtins(), null, 0, product.parent(), List.of());
    }

    @POST
    @Path("/scans/{scanId}/dismiss")
    public ScanView dismiss(@PathParam("id") String id, @PathParam("scanId") String scanId,
                            @NotNull @Valid Dismissal body) {
        access.check(id, Permission.WORK);
        scans.scan(id, scanId);
        axon.commandGateway().sendAndWait(new DismissScan(id, caller.actor(), scanId, body.reason()));
        return scans.scan(id, scanId);
    }

    @POST
    @Path("/hand-counts")
    public SessionView handCounts(@PathParam("id") String id, @NotNull @Valid HandCounts body) {
        SessionView session = access.require(id, Permission.WORK);
        String bin = session.currentBin() != null ? session.currentBin() : session.bin();
        List<HandCount.Item> items = new ArrayList<>();
        for (int i = 0; i < body.items().size(); i++) {
            HandCountItem item = body.items().get(i);
            String field = "items[" + i + "]";
            boolean byParent = item.sku() == null || item.sku().isBlank();
            String value = byParent ? item.parent() : item.sku();
            if (value == null || value.isBlank()) {
                throw ProblemException.badField(field + ".sku", "give a sku or a parent product name");
            }
            if ((item.quantity() == null) == (item.delta() == null)) {
                throw ProblemException.badField(field + ".quantity", "give quantity or delta, exactly one");
            }
            if (item.quantity() != null && item.quantity() < 0) {
                throw ProblemException.badField(field + ".quantity", "must not be negative");
            }
            String lineId = sessions.lineOf(id, byParent, value, bin).orElseThrow(() -> ProblemException.badField(
                    field + (byParent ? ".parent" : ".sku"), value + " has no line in this session"));
            items.add(new HandCount.Item(lineId, item.quantity(), item.delta()));
        }
        axon.commandGateway().sendAndWait(new HandCount(id, caller.actor(), items));
        return sessions.session(id);
    }
}
