package com.stockcount.platform.rest;

import java.util.List;

/**
 * One page of a list: {@code next} is an opaque cursor to pass back as {@code ?after=}, or
 * {@code null} on the last page. Cursors (not offsets) keep 100,000-row lists fast and stable
 * while rows are added.
 */
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** The limit a caller may ask for, or a 400 naming {@code limit}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.badField("limit", "must be between 1 and " + MAX_LIMIT + ", was " + requested);
        }
        return requested;
    }
}
