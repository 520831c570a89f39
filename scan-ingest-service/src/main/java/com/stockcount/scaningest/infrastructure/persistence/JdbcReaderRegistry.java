package com.stockcount.scaningest.infrastructure.persistence;

import com.stockcount.platform.rest.ProblemException;
import com.stockcount.scaningest.reader.ReaderKind;
import com.stockcount.scaningest.reader.ReaderRegistry;
import com.stockcount.scaningest.reader.ReaderSetup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Readers, antennas and session bindings in PostgreSQL. Every batch looks its reader up, so setups
 * are cached for {@code stockcount.scan-ingest.registry-cache}: a change made on this node is seen at
 * once, one made on another node within that time.
 */
@ApplicationScoped
public class JdbcReaderRegistry implements ReaderRegistry {

    private final DataSource dataSource;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public JdbcReaderRegistry(DataSource dataSource, Clock clock,
                              @ConfigProperty(name = "stockcount.scan-ingest.registry-cache", defaultValue = "5s") Duration ttl) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
    }

    private record Cached(Optional<ReaderSetup> setup, long loadedAt) {
    }

    /** A setup with when its binding started, for the registry's own API. */
    public record Registered(ReaderSetup setup, java.time.Instant sessionStartedAt) {
    }

    @Override
    public Optional<ReaderSetup> find(String readerId) {
        long now = System.nanoTime();
        Cached cached = cache.get(readerId);
        if (cached == null || now - cached.loadedAt > ttlNanos) {
            cached = new Cached(load(readerId).map(Registered::setup), now);
            cache.put(readerId, cached);
        }
        return cached.setup;
    }

    public Optional<Registered> get(String readerId) {
        return load(readerId);
    }

    @Transactional
    public Registered register(String readerId, ReaderKind kind, String site, String bin, Map<Integer, String> antennas) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into reader (id, kind, site, bin) values (?, ?, ?, ?)
                    on conflict (id) do update set kind = excluded.kind, site = excluded.site, bin = excluded.bin, updated_at = now()""")) {
                s.setString(1, readerId);
                s.setString(2, kind.name());
                s.setString(3, site);
                s.setString(4, bin);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("delete from reader_antenna where reader_id = ?")) {
                s.setString(1, readerId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into reader_antenna (reader_id, port, bin) values (?, ?, ?)")) {
                for (Map.Entry<Integer, String> antenna : antennas.entrySet()) {
                    s.setString(1, readerId);
                    s.setInt(2, antenna.getKey());
                    s.setString(3, antenna.getValue());
                    s.addBatch();
                }
                s.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        cache.remove(readerId);
        return load(readerId).orElseThrow();
    }

    /** Starts counting into a session; a reader bound to another session moves to this one. */
    @Transactional
    public Registered bind(String readerId, ReaderKind kind, String sessionId) {
        requireKind(readerId, kind);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into reader_binding (reader_id, session_id, started_at) values (?, ?, ?)
                     on conflict (reader_id) do update set session_id = excluded.session_id, started_at = excluded.started_at
                     where reader_binding.session_id <> excluded.session_id""")) {
            s.setString(1, readerId);
            s.setString(2, sessionId);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        cache.remove(readerId);
        return load(readerId).orElseThrow();
    }

    @Transactional
    public void unbind(String readerId, ReaderKind kind) {
        requireKind(readerId, kind);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from reader_binding where reader_id = ?")) {
            s.setString(1, readerId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        cache.remove(readerId);
    }

    /** Readers and devices in id order, after {@code after}. */
    public List<Registered> list(String after, int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select id from reader where id > ? order by id limit ?")) {
            s.setString(1, after == null ? "" : after);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids.stream().map(id -> load(id).orElseThrow()).toList();
    }

    private void requireKind(String readerId, ReaderKind kind) {
        Registered registered = load(readerId).orElseThrow(() ->
                ProblemException.notFound(kind == ReaderKind.READER ? "reader" : "device", readerId));
        if (registered.setup().kind() != kind) {
            throw ProblemException.conflict(readerId + " is registered as a " + registered.setup().kind().name().toLowerCase());
        }
    }

    private Optional<Registered> load(String readerId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     select r.kind, r.site, r.bin, b.session_id, b.started_at
                     from reader r left join reader_binding b on b.reader_id = r.id where r.id = ?""");
             PreparedStatement a = c.prepareStatement("select port, bin from reader_antenna where reader_id = ?")) {
            s.setString(1, readerId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                a.setString(1, readerId);
                Map<Integer, String> antennas = new HashMap<>();
                try (ResultSet ar = a.executeQuery()) {
                    while (ar.next()) {
                        antennas.put(ar.getInt(1), ar.getString(2));
                    }
                }
                Timestamp started = rs.getTimestamp(5);
                return Optional.of(new Registered(new ReaderSetup(readerId, ReaderKind.valueOf(rs.getString(1)),
                        rs.getString(2), rs.getString(3), antennas, rs.getString(4)), started == null ? null : started.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
