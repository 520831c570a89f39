package com.stockcount.scaningest.reader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * First sighting wins: remembers, per session, the EPCs already published, so a tag read a thousand
 * times is published once. Memory is bounded by {@code maxTags} over all sessions: past it, the least
 * recently active sessions are forgotten, as are sessions idle longer than {@code idleNanos}. Forgetting
 * (like a restart, which forgets everything) only costs a republication: the observation id is a
 * name-based UUID of session and EPC, so count-service drops the copy.
 */
public final class TagFilter {

    private final long maxTags;
    private final long idleNanos;
    private final Map<String, SessionTags> sessions = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong lastSweep;

    /** @param now the current time on the scale later calls use (e.g. {@link System#nanoTime()}) */
    public TagFilter(long maxTags, long idleNanos, long now) {
        this.maxTags = maxTags;
        this.idleNanos = idleNanos;
        this.lastSweep = new AtomicLong(now);
    }

    /**
     * Marks the EPCs as published in the session and returns the positions of those not marked
     * before (the first of equal EPCs within the list wins).
     */
    public List<Integer> markNew(String sessionId, List<String> epcs, long now) {
        long swept = lastSweep.get();
        if (now - swept > idleNanos / 10 && lastSweep.compareAndSet(swept, now)) {
            sweep(now);
        }
        // hashed before the lock: the connections of one portal share its session, and only the probes need it
        long[] highs = new long[epcs.size()];
        long[] lows = new long[epcs.size()];
        for (int i = 0; i < highs.length; i++) {
            highs[i] = high(epcs.get(i));
            lows[i] = low(epcs.get(i));
        }
        SessionTags tags = sessions.computeIfAbsent(sessionId, s -> new SessionTags(now));
        List<Integer> fresh = new ArrayList<>();
        synchronized (tags) {
            tags.touch(now);
            for (int i = 0; i < highs.length; i++) {
                if (tags.add(highs[i], lows[i])) {
                    fresh.add(i);
                }
            }
        }
        if (fresh.isEmpty() || sessions.get(sessionId) != tags) {
            // nothing new, or the session was evicted meanwhile: its tags are no longer held
            return fresh;
        }
        if (total.addAndGet(fresh.size()) > maxTags) {
            evict(sessionId, now);
        }
        return fresh;
    }

    /** Un-marks EPCs whose publication failed, so their next read is published again. */
    public void forget(String sessionId, List<String> epcs) {
        SessionTags tags = sessions.get(sessionId);
        if (tags == null) {
            return;
        }
        synchronized (tags) {
            int before = tags.size();
            epcs.forEach(epc -> tags.remove(high(epc), low(epc)));
            total.addAndGet(tags.size() - before);
        }
    }

    /** Forgets sessions idle for longer than the idle bound. */
    public void sweep(long now) {
        sessions.forEach((id, tags) -> {
            if (now - tags.lastActive() > idleNanos) {
                drop(id);
            }
        });
    }

    public long tags() {
        return total.get();
    }

    public int sessions() {
        return sessions.size();
    }

    private synchronized void evict(String current, long now) {
        sweep(now);
        List<Map.Entry<String, SessionTags>> byAge = new ArrayList<>(sessions.entrySet());
        byAge.sort(Comparator.comparingLong(e -> e.getValue().lastActive()));
        for (Map.Entry<String, SessionTags> e : byAge) {
            if (total.get() <= maxTags) {
                return;
            }
            if (!e.getKey().equals(current)) {
                drop(e.getKey());
            }
        }
        // the session being read is alone above the bound: start it afresh rather than grow without limit
        if (total.get() > maxTags) {
            drop(current);
        }
    }

    private void drop(String sessionId) {
        SessionTags tags = sessions.remove(sessionId);
        if (tags != null) {
            synchronized (tags) {
                total.addAndGet(-tags.size());
            }
        }
    }

    // FNV-1a and a second, differently seeded and mixed 64-bit hash: 128 bits per EPC
    static long high(String epc) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < epc.length(); i++) {
            h = (h ^ epc.charAt(i)) * 0x100000001b3L;
        }
        return mix(h) | 1L; // never 0, so an empty slot (0, 0) is never a tag
    }

    static long low(String epc) {
        long h = 0x9E3779B97F4A7C15L ^ epc.length();
        for (int i = 0; i < epc.length(); i++) {
            h = Long.rotateLeft(h ^ (epc.charAt(i) * 0xC2B2AE3D27D4EB4FL), 31) * 0x165667B19E3779F9L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
