package com.stockcount.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka 4.1.2 broker in KRaft mode (one node, broker and controller combined),
 * running in this JVM. It keeps its port and log directory across {@link #stop()} and
 * {@link #start()}, so a test can take the broker away from running services and bring it back,
 * and the launcher can keep its data between runs.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String CLUSTER_ID = "c3RvY2stY291bnQtZGV2";

    private final Path logDir;
    private final int port;
    private int controllerPort;
    private final boolean deleteOnClose;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, boolean deleteOnClose) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = freePort();
        this.deleteOnClose = deleteOnClose;
    }

    /** A broker on a free port with a throw-away log directory, for tests. */
    public static EmbeddedKafka forTests() {
        try {
            return new EmbeddedKafka(Files.createTempDirectory("kafka-test-"), freePort(), true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on a given port that keeps its data in {@code logDir} across runs. */
    public static EmbeddedKafka persistent(Path logDir, int port) {
        return new EmbeddedKafka(logDir, port, false).start();
    }

    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        // A broker that fails to start (a port taken between picking and binding it) asks Kafka's Exit to end
        // the process: in a test or the launcher that would take the whole JVM down without a word. While
        // starting, it fails this call instead, and a second attempt takes a fresh controller port.
        Exit.Procedure fail = (code, message) -> {
            throw new IllegalStateException("Kafka broker gave up with status " + code + ": " + message);
        };
        Exit.setExitProcedure(fail);
        Exit.setHaltProcedure(fail);
        try {
            try {
                return startOnce();
            } catch (RuntimeException first) {
                abandon();
                controllerPort = freePort();
                try {
                    return startOnce();
                } catch (RuntimeException second) {
                    second.addSuppressed(first);
                    throw second;
                }
            }
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private EmbeddedKafka startOnce() {
        try {
            Files.createDirectories(logDir);
            KafkaConfig config = new KafkaConfig(properties(), false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                new Formatter()
                        .setNodeId(1)
                        .setClusterId(CLUSTER_ID)
                        .setDirectories(List.of(logDir.toString()))
                        .setMetadataLogDirectory(logDir.toString())
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .setControllerListenerName("CONTROLLER")
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .run();
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker on port " + port
                    + " (controller " + controllerPort + ")", e);
        }
    }

    /** Shuts down what a failed start left running, so that a retry does not find its ports taken. */
    private void abandon() {
        KafkaRaftServer failed = server;
        server = null;
        if (failed != null) {
            try {
                failed.shutdown();
                failed.awaitShutdown();
            } catch (RuntimeException e) {
                // it did not fully start: nothing more to release
            }
        }
    }

    /** Stops the broker, keeping its data and port, as a crash or maintenance of the cluster would. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        // one node: every internal topic has a single replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // consumers join at once instead of waiting 3 s for more members
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    private void awaitReady() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            Directories.deleteQuietly(logDir);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
