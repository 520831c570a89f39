package com.stockcount.count.infrastructure.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stockcount.count.counts.CountProjection;
import com.stockcount.count.counts.domain.CountAggregate;
import com.stockcount.count.publishing.SessionPublisher;
import com.stockcount.count.sessions.SessionProjection;
import com.stockcount.count.sessions.domain.SessionAggregate;
import com.stockcount.platform.json.Json;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DirectExecutor;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Axon Framework 4 wired by hand (there is no Quarkus extension): JDBC event store and token store on
 * the Agroal datasource with snake_case tables owned by Flyway, units of work in JTA transactions,
 * Jackson everywhere. Two processors: {@value #READ_MODEL} (subscribing, in the command's transaction,
 * so a read right after a command sees it) and {@value #PUBLISHER} (pooled streaming with a token:
 * the event store is the outbox of the Kafka publication). Both propagate errors, so nothing is skipped.
 */
@Startup
@ApplicationScoped
public class AxonConfiguration {

    private static final Logger LOG = Logger.getLogger(AxonConfiguration.class);
    static final String READ_MODEL = "read-model";
    public static final String PUBLISHER = "session-publisher";

    @Inject
    DataSource dataSource;
    @Inject
    jakarta.transaction.TransactionManager jta;
    @Inject
    Clock clock;
    @Inject
    CountProjection countProjection;
    @Inject
    SessionProjection sessionProjection;
    @Inject
    SessionPublisher sessionPublisher;

    @ConfigProperty(name = "stockcount.axon.snapshot-threshold", defaultValue = "250")
    int snapshotThreshold;
    @ConfigProperty(name = "stockcount.axon.publisher-segments", defaultValue = "2")
    int publisherSegments;
    @ConfigProperty(name = "stockcount.axon.snapshot-quiet-period", defaultValue = "PT2S")
    Duration snapshotQuietPeriod;
    @ConfigProperty(name = "stockcount.axon.snapshot-max-delay", defaultValue = "PT60S")
    Duration snapshotMaxDelay;

    private final Cache sessionCache = new SessionCache();
    /*
     * Snapshots are taken on this thread, not in the command's: the snapshot of a 100,000-line session is
     * ~23 MB of JSON and took 7–16 s to write on the loaded bench machine, which the 250th command used to wait
     * for (docs/benchmarks.md). Off the command path the cost stays but no caller waits. One thread: snapshots
     * of a session are serialized, and a burst of triggers queues rather than competing for the database.
     *
     * And a session's snapshot waits until the session is quiet (QuietSnapshotter): no event for
     * snapshot-quiet-period (2 s), or snapshot-max-delay (60 s) after it was asked for, whichever comes first. Why:
     * a snapshot is only worth something to a load of the session from the store, and a session that is receiving
     * commands is not loaded: it stays in the session cache (SessionCache) for as long as the heap has room. What the
     * snapshot costs, though, is paid at once and on the same two cores as the stream it was meant to help: Axon's
     * snapshotter reads the session back from the store (the last snapshot and up to 250 events; for an RFID session
     * 250 ScansRecorded of 500 outcomes, ~41 MB of JSON), applies it all again and writes the new snapshot
     * (16-25 MB for 200,000 EPCs): about 2 core-s of this JVM and 1.6 of PostgreSQL during a 200,000-EPC session
     * streamed at 20,000/s (brief countK), which is ~15 % of the CPU that stream has. Taken once the portal has
     * stopped, the same snapshot costs the same but delays nobody, and one snapshot replaces the one or two a stream
     * triggered. Still at most one pending snapshot per session (a later request is the same request) and one
     * snapshotter thread.
     * The bound on a load after an eviction: while commands keep coming, a snapshot asked for is taken at most
     * max-delay later, so a load replays at most the events of max-delay plus one threshold (250) after a snapshot;
     * a quiet session has its snapshot 2 s after its last event. Measured on a 200,000-EPC session (~400 events;
     * docs/benchmarks.md, "EPC reads, round 7"): the first command after an eviction took 0.7-1.0 s loading from the
     * snapshot at load average 2.5 (1.2-2.5 s before: the older state shape and a tail of up to 250 events; medians
     * 1.2 s and 3.3 s at load 6-9) and 0.5-0.6 s from its events alone. A snapshot requested by a command whose transaction then rolls back is never asked for (afterCommit).
     */
    private final ScheduledExecutorService snapshotExecutor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-snapshotter");
        thread.setDaemon(true);
        return thread;
    });
    private Configuration axon;

    @PostConstruct
    void start() {
        JtaTransactionManager transactions = new JtaTransactionManager(jta);
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(dataSource);
        ObjectMapper messages = eventMapper();
        Serializer serializer = jackson(messages);
        // an aggregate snapshot is the aggregate's private state: fields, not getters (the domain carries no Jackson annotations)
        Serializer snapshots = jackson(messages.copy()
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY)
                .registerModule(EpcSetJson.module()));

        JdbcTokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(tokenSchema())
                .build();

        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureEmbeddedEventStore(c -> JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(snapshots)
                        // the aggregates' own filters: a session snapshot of an older revision is not loaded
                        .snapshotFilter(c.snapshotFilter())
                        .schema(eventSchema())
                        // events of large sessions carry up to 1,000 lines each; smaller batches bound the memory of one fetch
                        .batchSize(50)
                        .build())
                .configureSnapshotter(c -> new QuietSnapshotter(AggregateSnapshotter.builder()
                        .eventStore(c.eventStore())
                        .transactionManager(transactions)
                        .aggregateFactories(c.findModules(AggregateConfiguration.class).stream()
                                .<org.axonframework.eventsourcing.AggregateFactory<?>>map(AggregateConfiguration::aggregateFactory)
                                .toList())
                        .repositoryProvider(c::repository)
                        .parameterResolverFactory(c.parameterResolverFactory())
                        .handlerDefinition(c.handlerDefinition(SessionAggregate.class))
                        .spanFactory(c.getComponent(SnapshotterSpanFactory.class))
                        // the snapshot is taken on the thread that found it due (takeDue below)
                        .executor(DirectExecutor.INSTANCE)
                        .build(), System::nanoTime, transactions::afterCommit, snapshotQuietPeriod, snapshotMaxDelay))
                .registerComponent(Clock.class, c -> clock)
                .configureAggregate(CountAggregate.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(SessionAggregate.class)
                        .configureCache(c -> sessionCache)
                        .configureSnapshotTrigger(c -> ((QuietSnapshotter) c.snapshotter())
                                .triggerDefinition(snapshotThreshold)));
        EventProcessingConfigurer processing = configurer.eventProcessing();
        processing.registerTokenStore(c -> tokens)
                .registerSubscribingEventProcessor(READ_MODEL)
                .registerEventHandler(c -> countProjection)
                .registerEventHandler(c -> sessionProjection)
                .assignHandlerInstancesMatching(READ_MODEL,
                        handler -> handler == countProjection || handler == sessionProjection)
                .registerListenerInvocationErrorHandler(READ_MODEL, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(READ_MODEL, c -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessor(PUBLISHER, Configuration::eventStore,
                        (c, builder) -> builder.initialSegmentCount(publisherSegments)
                                // a session's events stay in order: the default policy sequences by aggregate id
                                .tokenClaimInterval(1000))
                .registerEventHandler(c -> sessionPublisher)
                .assignHandlerInstancesMatching(PUBLISHER, handler -> handler == sessionPublisher)
                .registerListenerInvocationErrorHandler(PUBLISHER, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(PUBLISHER, c -> PropagatingErrorHandler.instance());
        axon = configurer.start();
        QuietSnapshotter snapshotter = (QuietSnapshotter) axon.snapshotter();
        long tick = Math.max(10, Math.min(snapshotQuietPeriod.toMillis(), snapshotMaxDelay.toMillis()) / 4);
        snapshotExecutor.scheduleWithFixedDelay(() -> {
            try {
                snapshotter.takeDue();
            } catch (RuntimeException e) {
                // a failure must not cancel the schedule (later snapshots); the snapshot is asked for again later
                LOG.warnf(e, "taking a due session snapshot failed");
            }
        }, tick, tick, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent event) {
        if (axon != null) {
            axon.shutdown();
            axon = null;
        }
        // a snapshot is only an optimisation: one cut short here is simply taken again later
        snapshotExecutor.shutdown();
        try {
            snapshotExecutor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sessionPublisher.close();
    }

    public CommandGateway commandGateway() {
        return axon.commandGateway();
    }

    /**
     * Forget a cached session whose surrounding transaction failed after Axon's unit of work had
     * succeeded in it; the next command then reloads it from the store.
     */
    public void evictSession(String sessionId) {
        sessionCache.remove(sessionId);
    }

    /** True when the publisher has a segment in error: it is retrying an event it could not publish. */
    public boolean publisherFailing() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(PUBLISHER, PooledStreamingEventProcessor.class)
                .map(p -> p.processingStatus().values().stream().anyMatch(s -> s.isErrorState()))
                .orElse(true);
    }

    /** Events, messages and tokens: the platform's JSON, scan outcomes written compactly ({@link ScanOutcomeJson}). */
    static ObjectMapper eventMapper() {
        return Json.mapper().copy().registerModule(ScanOutcomeJson.module());
    }

    private JacksonSerializer jackson(ObjectMapper mapper) {
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .classLoader(AxonConfiguration.class.getClassLoader())
                .build();
    }

    /** Axon's default names are camelCase, which PostgreSQL folds; V1__axon.sql creates these. */
    private static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    private static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}
