package com.stockcount.count.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionCacheTest {

    private final SessionCache cache = new SessionCache();

    @Test
    void a_cached_session_nothing_else_refers_to_survives_garbage_collections() {
        cache.put("session-1", new StringBuilder("state of session-1"));

        collectGarbage();

        assertThat(cache.<String, StringBuilder>get("session-1")).hasToString("state of session-1");
    }

    @Test
    void an_evicted_session_is_gone_at_once() {
        cache.put("session-1", new StringBuilder("state of session-1"));

        cache.remove("session-1");

        assertThat(cache.<String, Object>get("session-1")).isNull();
        assertThat(cache.containsKey("session-1")).isFalse();
    }

    @Test
    void the_latest_value_of_a_session_is_the_one_kept() {
        cache.put("session-1", new StringBuilder("revision 1"));
        cache.put("session-1", new StringBuilder("revision 2"));

        collectGarbage();

        assertThat(cache.<String, StringBuilder>get("session-1")).hasToString("revision 2");
    }

    /** Full collections clear every weakly reachable object (what Axon's weak cache alone loses); soft ones stay. */
    private static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }
}
