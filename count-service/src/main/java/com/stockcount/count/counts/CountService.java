package com.stockcount.count.counts;

import com.stockcount.count.counts.domain.CountType;
import com.stockcount.count.counts.domain.CreateCount;
import com.stockcount.count.counts.domain.Text;
import com.stockcount.count.sessions.SessionQueries;
import com.stockcount.count.sessions.SessionView;
import com.stockcount.platform.rest.ProblemException;
import com.stockcount.count.infrastructure.axon.AxonConfiguration;
import com.stockcount.count.infrastructure.inventory.InventoryClient;
import com.stockcount.count.sessions.domain.QuantSnapshot;
import com.stockcount.count.sessions.domain.SessionCommands.CreateSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creating a count: the one place that reads inventory. The snapshot of the quants in scope is read
 * (paged) before any command is sent, then the count and its default session are created in one
 * transaction, so there is never a count without its session.
 */
@ApplicationScoped
public class CountService {

    static final String DEFAULT_SESSION_NAME = "Session 1";

    @Inject
    InventoryClient inventory;
    @Inject
    AxonConfiguration axon;
    @Inject
    CountQueries queries;
    @Inject
    SessionQueries sessions;
    @Inject
    Clock clock;

    @ConfigProperty(name = "stockcount.count.create-timeout", defaultValue = "PT5M")
    java.time.Duration createTimeout;

    public CountView create(CountResource.NewCount request) {
        String bin = request.bin() == null || request.bin().isBlank() ? null : request.bin();
        inventory.requireSite(request.site());
        if (bin != null) {
            inventory.requireBin(request.site(), bin);
        }
        List<QuantSnapshot> quants = inventory.quants(request.site(), bin, null);
        String countId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        CountType type = CountType.valueOf(request.type());
        List<String> directed = request.directed() == null ? List.of() : request.directed();
        if (type == CountType.HARD && !directed.isEmpty()) {
            throw ProblemException.badField("directed", "a HARD count is blind: it has no directed list");
        }
        Instant plannedStart = request.plannedStart() == null ? clock.instant() : request.plannedStart();
        try {
            QuarkusTransaction.requiringNew().timeout((int) createTimeout.toSeconds()).run(() -> {
                axon.commandGateway().sendAndWait(new CreateCount(countId, request.site(), request.name(), type, bin,
                        plannedStart, request.notes(), sessionId, directed));
                axon.commandGateway().sendAndWait(new CreateSession(sessionId, countId, request.site(),
                        DEFAULT_SESSION_NAME, type, bin, quants, null, plannedStart, directed));
            });
        } catch (RuntimeException e) {
            axon.evictSession(sessionId);
            throw e;
        }
        return queries.count(countId);
    }

    /**
     * Add a session to a count, snapshotting its own scope now: one bin, or one area, within the
     * count's scope; neither means the whole scope of the count. Sessions of a count run in parallel.
     */
    public SessionView addSession(String countId, CountResource.NewSession request) {
        CountView count = queries.count(countId);
        String bin = Text.optional(request.bin());
        String area = Text.optional(request.area());
        if (bin != null && area != null) {
            throw ProblemException.badField("bin", "give a bin or an area, not both");
        }
        if (bin != null && count.bin() != null && !bin.equals(count.bin())) {
            throw ProblemException.badField("bin", "the count covers bin " + count.bin() + " only");
        }
        if (bin != null) {
            inventory.requireBin(count.site(), bin);
        }
        String scopeBin = bin != null ? bin : count.bin();
        List<QuantSnapshot> quants = inventory.quants(count.site(), scopeBin, area);
        String sessionId = UUID.randomUUID().toString();
        try {
            QuarkusTransaction.requiringNew().timeout((int) createTimeout.toSeconds()).run(() ->
                    axon.commandGateway().sendAndWait(new CreateSession(sessionId, countId, count.site(),
                            request.name(), CountType.valueOf(count.type()), scopeBin, quants, area, count.plannedStart(), count.directed())));
        } catch (RuntimeException e) {
            axon.evictSession(sessionId);
            throw e;
        }
        return sessions.session(sessionId);
    }
}
