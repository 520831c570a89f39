package com.stockcount.count.security;

import java.util.Set;

/**
 * What a caller may do, as the seeds grant it: each action names the token groups that allow it
 * (any one suffices). The table in count-service/README.md is this enum.
 */
public enum Permission {
    /** Plan a count (seed 1: create:stock-count; the count managers of seed 2). */
    CREATE_COUNT(Set.of("create:stock-count", "INV_COUNT_ADMIN", "COMMON_ADMIN")),
    /** Open the counts list, a count, a session, its lines and scans. */
    VIEW(Set.of("create:stock-count", "update:stock-count", "INV_COUNT_ADMIN", "FULFILL_INVCUNT_ADMIN", "COMMON_ADMIN")),
    /** Work sessions: create, start, count, scan, lock, edit, discard, submit, re-open (seed 1: update:stock-count; seed 2: start sessions). */
    WORK(Set.of("update:stock-count", "INV_COUNT_ADMIN", "FULFILL_INVCUNT_ADMIN", "COMMON_ADMIN")),
    /** Start counting before the count's planned start (seed 2). */
    PRE_START(Set.of("INV_COUNT_PRE_START", "INV_COUNT_ADMIN", "COMMON_ADMIN")),
    /** Force-release another user's lock (seed 2). */
    FORCE_RELEASE(Set.of("COMMON_ADMIN"));

    private final Set<String> groups;

    Permission(Set<String> groups) {
        this.groups = groups;
    }

    public Set<String> groups() {
        return groups;
    }
}
