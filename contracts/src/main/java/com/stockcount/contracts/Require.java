package com.stockcount.contracts;

import java.util.List;

/** Argument checks for the compact constructors of contract records. */
public final class Require {

    private Require() {
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /** A revision of a session's result: 1 for its first completion. */
    public static int revision(int revision) {
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1, was " + revision);
        }
        return revision;
    }

    /** One slice {@code part} of {@code parts}, carrying at most {@code max} items. */
    public static <T> List<T> slice(int part, int parts, List<T> items, int max, String field) {
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part must be in [0, parts), was " + part + " of " + parts);
        }
        List<T> copy = List.copyOf(present(items, field));
        if (copy.size() > max) {
            throw new IllegalArgumentException("a part carries at most " + max + " " + field + ", was " + copy.size());
        }
        return copy;
    }

    public static long notNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
