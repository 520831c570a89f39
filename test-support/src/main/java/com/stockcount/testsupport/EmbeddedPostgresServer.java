package com.stockcount.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL 17 server started from the binaries in a Maven jar. Each service gets its own
 * database on it ({@link #createDatabase(String)}), as each would have its own in production.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** How this server was started, so that {@link #start()} can start it again the same way. */
    private final EmbeddedPostgres.Builder builder;
    private EmbeddedPostgres postgres;
    /** The data directory {@link #close()} removes, for a {@link #durableInTemporaryDirectory()} server. */
    private Path deleteOnClose;

    private EmbeddedPostgresServer(EmbeddedPostgres.Builder builder) {
        this.builder = builder;
        this.postgres = startWith(builder);
    }

    private static EmbeddedPostgres startWith(EmbeddedPostgres.Builder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    /** A throw-away server on a free port, durability switched off for speed. */
    public static EmbeddedPostgresServer forTests() {
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "300"));
    }

    /**
     * A durable server on a given port whose data stays in {@code dataDir} across runs. The zonky builder starts every
     * server with {@code -F} (fsync off) and {@code synchronous_commit=off} unless told otherwise, so durability is
     * asked for explicitly: a commit is on disk before it is acknowledged, as on a production server.
     */
    public static EmbeddedPostgresServer persistent(Path dataDir, int port) {
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "300"));
    }

    /**
     * A durable server, as {@link #persistent} runs it, on a free port with its data in a new temporary directory that
     * {@link #close()} removes: for a benchmark that must measure the production configuration.
     */
    public static EmbeddedPostgresServer durableInTemporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("postgres");
            EmbeddedPostgresServer server = persistent(dir, EmbeddedKafka.freePort());
            server.deleteOnClose = dir;
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for PostgreSQL", e);
        }
    }

    /** The server's current value of a setting ({@code show name}), e.g. to print how durable it runs. */
    public String setting(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a setting name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read setting " + name, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (!rs.next()) {
                    s.execute("create database " + name);
                }
            }
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /**
     * Stops the server as an outage does (fast shutdown: open sessions are cut, their transactions rolled
     * back), for fault tests; {@link #start()} brings it back. Only a {@link #persistent} server keeps its data
     * across the two: a {@link #forTests()} one comes back empty.
     */
    public synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a {@link #stop() stopped} server again, on the same port (and data directory when persistent). */
    public synchronized void start() {
        postgres = startWith(builder.setPort(port()));
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose != null) {
            Directories.deleteQuietly(deleteOnClose);
        }
    }
}
