package com.stockcount.count.infrastructure.axon;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;

/**
 * The cache of loaded sessions: Axon's {@link WeakReferenceCache}, whose values are also held by soft references.
 *
 * <p>The weak cache alone loses every session at the next young collection: after each command Axon caches a new
 * entry object that wraps the aggregate, and nothing else refers to that wrapper. On the EPC bench (a 200,000-tag
 * session fed by the Kafka consumer, docs/benchmarks.md) 77 % of the consumer thread went into loading the session
 * again, its ~18 MB snapshot and up to 250 events of 500 scan outcomes, a few times a second. A soft reference is kept
 * while the heap has room for it (the JVM clears the least recently used ones first, and all of them before it would
 * run out of memory), so a busy session stays loaded and a large idle cache cannot exhaust the heap.
 */
final class SessionCache implements Cache {

    private final WeakReferenceCache entries = new WeakReferenceCache();
    private final Map<Object, SoftReference<Object>> kept = new ConcurrentHashMap<>();

    SessionCache() {
        // a session the JVM has cleared is forgotten here too, so ids of sessions long gone do not accumulate
        entries.registerCacheEntryListener(new EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                SoftReference<Object> reference = kept.get(key);
                if (reference != null && reference.get() == null) {
                    kept.remove(key, reference);
                }
            }
        });
    }

    @Override
    public <K, V> V get(K key) {
        V value = entries.get(key);
        SoftReference<Object> reference = kept.get(key);
        if (reference != null) {
            // reading a soft reference marks it recently used: the JVM clears the least recently used first
            reference.get();
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
        keep(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.putIfAbsent(key, value);
        if (added) {
            keep(key, value);
        }
        return added;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T value = entries.computeIfAbsent(key, valueSupplier);
        keep(key, value);
        return value;
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, update);
        keep(key, entries.get(key));
    }

    @Override
    public boolean remove(Object key) {
        kept.remove(key);
        return entries.remove(key);
    }

    @Override
    public void removeAll() {
        kept.clear();
        entries.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        return entries.registerCacheEntryListener(cacheEntryListener);
    }

    private void keep(Object key, Object value) {
        if (value == null) {
            kept.remove(key);
        } else {
            kept.put(key, new SoftReference<>(value));
        }
    }
}
